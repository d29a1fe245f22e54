#!/usr/bin/python3
"""Opens a run's reachmap.gpkg in QGIS (PyQGIS, offscreen), the analyst's own client.

Every stored style loads; each layer opens with its default style; every rule-based style puts
each area under exactly one legend row, with the same number of areas per row (hidden ones
included) as reachmap's own map (manifest.json "map_legends"); and each style renders to a PNG
in IMAGES_DIR, to look at.
    check_styles.py OUT_DIR IMAGES_DIR
"""
import json
import os
import sqlite3
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsExpression, QgsExpressionContext,  # noqa: E402
                       QgsExpressionContextUtils, QgsMapRendererSequentialJob, QgsMapSettings,
                       QgsVectorLayer)
from qgis.PyQt.QtCore import QSize  # noqa: E402
from qgis.PyQt.QtGui import QColor  # noqa: E402
from qgis.PyQt.QtXml import QDomDocument  # noqa: E402

out, images = sys.argv[1], sys.argv[2]
os.makedirs(images, exist_ok=True)
app = QgsApplication([], False)
app.initQgis()
gpkg = os.path.join(out, "reachmap.gpkg")
legends = json.load(open(os.path.join(out, "manifest.json")))["map_legends"]
styles = sqlite3.connect(gpkg).execute(
    "SELECT f_table_name, styleName, styleQML, styleSLD, useAsDefault FROM layer_styles").fetchall()
failures, checked = [], 0


def fail(message):
    failures.append(message)
    print("FAIL:", message)


for table, name, qml, sld, default in styles:
    layer = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    if not layer.isValid():
        fail(f"{table}: QGIS cannot open the layer")
        continue
    if default:  # opened plainly, the layer comes up in this style
        if layer.renderer().type() != ("RuleRenderer" if table != "centres" else "singleSymbol"):
            fail(f"{table}: opens with a {layer.renderer().type()} renderer, not its default style")
    doc = QDomDocument()
    doc.setContent(qml)
    ok, error = layer.importNamedStyle(doc)
    if not ok:
        fail(f"{table} / {name}: the QML does not load: {error}")
        continue
    doc = QDomDocument()
    if not doc.setContent(sld)[0]:
        fail(f"{table} / {name}: the SLD is not XML")
    renderer = layer.renderer()
    if renderer.type() == "RuleRenderer":
        context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
        rules = []
        for rule in renderer.rootRule().children():
            e = QgsExpression(rule.filterExpression())
            if e.hasParserError():
                fail(f"{table} / {name} / {rule.label()}: {e.parserErrorString()}")
            e.prepare(context)
            rules.append((rule.label(), e))
        counts = {label: 0 for label, _ in rules}
        for feature in layer.getFeatures():
            context.setFeature(feature)
            matched = [label for label, e in rules if e.evaluate(context)]
            if len(matched) != 1:
                fail(f"{table} / {name}: feature {feature.id()} matches {matched}")
            for label in matched:
                counts[label] += 1
        indicator = name.split(": ", 1)[1]
        expected = legends.get(f"{indicator}_{table}")
        if indicator != "outlines":
            if expected is None:
                fail(f"{table} / {name}: no map_legends entry in the manifest")
            else:
                want = {row["label"]: row["areas"] for row in expected}
                if counts != want:
                    fail(f"{table} / {name}: QGIS {counts} but reachmap {want}")
                else:
                    print(f"ok: {table} / {name}: " +
                          ", ".join(f"{k} {v}" for k, v in counts.items() if v))
    # Render it, as an analyst would see it.
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(900, 700))
    settings.setBackgroundColor(QColor("white"))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    png = os.path.join(images, f"{table}_{name.split(': ', 1)[1]}.png")
    if not job.renderedImage().save(png):
        fail(f"{table} / {name}: rendering failed")
    checked += 1

# Whole numbers come out as whole numbers: ranks and counts always, the population where it is
# a count of children (the demo's census-style neighbourhoods), not a fractional estimate.
fields = QgsVectorLayer(f"{gpkg}|layername=neighbourhood", "n", "ogr").fields()
for name in ("priority_rank", "seen_children", "known_not_registered", "under5_population"):
    i = fields.indexFromName(name)
    if i < 0:
        fail(f"neighbourhood: no field {name}")
    elif fields.at(i).typeName().lower() not in ("integer64", "integer", "int8"):
        fail(f"neighbourhood: {name} is {fields.at(i).typeName()}, not a whole number")

print(f"{checked} styles checked, {len(failures)} failures", flush=True)
# Leave without QGIS's teardown, which crashes in PyQGIS 3.22 once layers have rendered.
os._exit(1 if failures or checked == 0 else 0)
