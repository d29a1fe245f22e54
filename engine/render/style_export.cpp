#include "engine/render/style_export.hpp"

#include <cmath>
#include <sstream>

#include "engine/core/number_format.hpp"
#include "engine/core/text.hpp"

namespace reachmap {

namespace {

std::string qgis_rgb(const Rgb& c) {
  return std::to_string(std::lround(c.r * 255)) + "," + std::to_string(std::lround(c.g * 255)) +
         "," + std::to_string(std::lround(c.b * 255)) + ",255";
}

// One legend row: a label, a QGIS filter expression, an SLD filter, and how it is filled.
struct StyleRule {
  std::string label, qgis_filter, sld_filter;
  Rgb fill;
  bool hatch = false, dots = false;
};

std::string quoted(const std::string& field) {
  return "\"" + field + "\"";
}

// The rules of a choropleth, in the order of detail::Fill as map_renderer's fill_of decides
// it: hidden, no data, zero, then one per class. A GeoPackage Boolean is tested as itself
// ("suppressed", NOT "suppressed"): QGIS does not read it as 1. Classes are open at both
// ends, as Classes::class_of is, so no ELSE rule is needed. A hidden area whose count's band
// falls in one class is drawn in that class, in QGIS as on reachmap's maps (the SLD cannot
// parse a band: there such areas stay hatched).
std::vector<StyleRule> rules_for(const MapData& map, const std::string& field) {
  const std::string f = quoted(field);
  const std::string prop = "<ogc:PropertyName>" + field + "</ogc:PropertyName>";
  const auto literal = [](double v) {
    return "<ogc:Literal>" + format_number(v) + "</ogc:Literal>";
  };
  const int k = map.classes.count();
  const auto& edges = map.classes.edges;
  const auto edge = [&](int i) { return format_number(edges[static_cast<std::size_t>(i)]); };
  // QGIS: `v` in class i.
  const auto in_class = [&](const std::string& v, int i) {
    std::string e;
    if (i > 0) e = v + " >= " + edge(i);
    if (i < k - 1) e += (e.empty() ? "" : " AND ") + v + " < " + edge(i + 1);
    return e.empty() ? std::string("TRUE") : e;
  };
  const bool banded = !map.band_field.empty() && k > 0;
  const std::string hidden = "\"suppressed\" AND " + f + " IS NULL";
  const auto band_in = [&](int i) {
    const std::string b = quoted(map.band_field), d = quoted(map.band_denominator);
    const std::string lo = "(to_real(regexp_substr(" + b + ", '^([0-9]+)')) / " + d + ")";
    const std::string hi = "(to_real(regexp_substr(" + b + ", '([0-9]+)$')) / " + d + ")";
    // coalesce: with no band (hidden by secondary suppression) the test is false, not NULL.
    return "coalesce(" + hidden + " AND " + d + " > 0 AND " + lo + " > 0 AND " + in_class(lo, i) +
           " AND " + in_class(hi, i) + ", FALSE)";
  };
  std::string band_any;
  for (int i = 0; banded && i < k; ++i) band_any += (i ? " OR " : "") + band_in(i);

  std::vector<StyleRule> rules;
  rules.push_back({map.suppressed_label, hidden + (banded ? " AND NOT (" + band_any + ")" : ""),
                   "<ogc:And><ogc:PropertyIsEqualTo><ogc:PropertyName>suppressed"
                   "</ogc:PropertyName><ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo>"
                   "<ogc:PropertyIsNull>" +
                       prop + "</ogc:PropertyIsNull></ogc:And>",
                   Rgb{1, 1, 1}, true, false});
  rules.push_back({no_data_label(), f + " IS NULL AND NOT \"suppressed\"",
                   "<ogc:And><ogc:PropertyIsNull>" + prop +
                       "</ogc:PropertyIsNull><ogc:PropertyIsEqualTo><ogc:PropertyName>"
                       "suppressed</ogc:PropertyName><ogc:Literal>0</ogc:Literal>"
                       "</ogc:PropertyIsEqualTo></ogc:And>",
                   no_data_colour()});
  rules.push_back({zero_label(map), f + " = 0",
                   "<ogc:PropertyIsEqualTo>" + prop + literal(0) + "</ogc:PropertyIsEqualTo>",
                   zero_colour(), false, true});
  for (int i = 0; i < k; ++i) {
    std::string sld =
        "<ogc:PropertyIsNotEqualTo>" + prop + literal(0) + "</ogc:PropertyIsNotEqualTo>";
    if (i > 0)
      sld += "<ogc:PropertyIsGreaterThanOrEqualTo>" + prop + literal(edges[std::size_t(i)]) +
             "</ogc:PropertyIsGreaterThanOrEqualTo>";
    if (i < k - 1)
      sld += "<ogc:PropertyIsLessThan>" + prop + literal(edges[std::size_t(i) + 1]) +
             "</ogc:PropertyIsLessThan>";
    rules.push_back({class_label(map.classes, i, map.percent),
                     "(" + f + " IS NOT NULL AND " + f + " <> 0 AND " + in_class(f, i) + ")" +
                         (banded ? " OR " + band_in(i) : ""),
                     "<ogc:And>" + sld + "</ogc:And>", map.colours[static_cast<std::size_t>(i)]});
  }
  return rules;
}

// A layer with no choropleth: its areas, and the hidden ones hatched.
std::vector<StyleRule> outline_rules(const MapData& map) {
  const std::string flag = "<ogc:PropertyIsEqualTo><ogc:PropertyName>suppressed</ogc:PropertyName>";
  return {{map.suppressed_label, "\"suppressed\"",
           flag + "<ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo>", Rgb{1, 1, 1}, true},
          {"area", "NOT \"suppressed\"",
           flag + "<ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo>", Rgb{1, 1, 1}}};
}

std::string qml_fill_symbol(int index, const StyleRule& r) {
  std::ostringstream s;
  s << "      <symbol type=\"fill\" name=\"" << index
    << "\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">\n"
    << "        <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
    << "          <Option type=\"Map\">\n"
    << "            <Option type=\"QString\" name=\"color\" value=\"" << qgis_rgb(r.fill)
    << "\"/>\n"
    << "            <Option type=\"QString\" name=\"style\" value=\"solid\"/>\n"
    << "            <Option type=\"QString\" name=\"outline_color\" value=\""
    << qgis_rgb(outline_colour()) << "\"/>\n"
    << "            <Option type=\"QString\" name=\"outline_style\" value=\"solid\"/>\n"
    << "            <Option type=\"QString\" name=\"outline_width\" value=\"0.12\"/>\n"
    << "            <Option type=\"QString\" name=\"outline_width_unit\" value=\"MM\"/>\n"
    << "          </Option>\n"
    << "        </layer>\n";
  if (r.hatch || r.dots) {
    s << "        <layer class=\"SimpleFill\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
      << "          <Option type=\"Map\">\n"
      << "            <Option type=\"QString\" name=\"color\" value=\"" << qgis_rgb(hatch_colour())
      << "\"/>\n"
      << "            <Option type=\"QString\" name=\"style\" value=\""
      << (r.hatch ? "f_diagonal" : "dense7") << "\"/>\n"
      << "            <Option type=\"QString\" name=\"outline_style\" value=\"no\"/>\n"
      << "          </Option>\n"
      << "        </layer>\n";
  }
  s << "      </symbol>\n";
  return s.str();
}

std::string rules_qml(const std::vector<StyleRule>& rules) {
  std::ostringstream s;
  s << "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
    << "<qgis version=\"3.28.0\" styleCategories=\"Symbology\">\n"
    << "  <renderer-v2 type=\"RuleRenderer\" symbollevels=\"0\" enableorderby=\"0\" "
       "forceraster=\"0\">\n"
    << "    <rules key=\"root\">\n";
  for (std::size_t i = 0; i < rules.size(); ++i)
    s << "      <rule key=\"r" << i << "\" label=\"" << xml_escape(rules[i].label) << "\" filter=\""
      << xml_escape(rules[i].qgis_filter) << "\" symbol=\"" << i << "\"/>\n";
  s << "    </rules>\n    <symbols>\n";
  for (std::size_t i = 0; i < rules.size(); ++i)
    s << qml_fill_symbol(static_cast<int>(i), rules[i]);
  s << "    </symbols>\n  </renderer-v2>\n</qgis>\n";
  return s.str();
}

const char* kSldHeader =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<StyledLayerDescriptor version=\"1.1.0\" xmlns=\"http://www.opengis.net/sld\" "
    "xmlns:ogc=\"http://www.opengis.net/ogc\" xmlns:se=\"http://www.opengis.net/se\" "
    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://www.opengis.net/sld "
    "http://schemas.opengis.net/sld/1.1.0/StyledLayerDescriptor.xsd\">\n";

std::string sld_param(const std::string& name, const std::string& value) {
  return "<se:SvgParameter name=\"" + name + "\">" + value + "</se:SvgParameter>";
}

std::string rules_sld(const std::vector<StyleRule>& rules, const std::string& layer) {
  std::ostringstream s;
  s << kSldHeader << "  <NamedLayer>\n    <se:Name>" << xml_escape(layer)
    << "</se:Name>\n    <UserStyle>\n      <se:Name>" << xml_escape(layer)
    << "</se:Name>\n      <se:FeatureTypeStyle>\n";
  for (const auto& r : rules) {
    s << "        <se:Rule>\n          <se:Name>" << xml_escape(r.label)
      << "</se:Name>\n          <se:Description><se:Title>" << xml_escape(r.label)
      << "</se:Title></se:Description>\n          "
      << "<ogc:Filter>" + r.sld_filter + "</ogc:Filter>"
      << "\n          <se:PolygonSymbolizer><se:Fill>" << sld_param("fill", r.fill.to_hex())
      << "</se:Fill><se:Stroke>" << sld_param("stroke", outline_colour().to_hex())
      << sld_param("stroke-width", "0.5") << "</se:Stroke></se:PolygonSymbolizer>\n";
    if (r.hatch || r.dots)
      s << "          <se:PolygonSymbolizer><se:Fill><se:GraphicFill><se:Graphic><se:Mark>"
        << "<se:WellKnownName>" << (r.hatch ? "shape://slash" : "shape://dot")
        << "</se:WellKnownName><se:Stroke>" << sld_param("stroke", hatch_colour().to_hex())
        << "</se:Stroke></se:Mark><se:Size>6</se:Size></se:Graphic></se:GraphicFill></se:Fill>"
        << "</se:PolygonSymbolizer>\n";
    s << "        </se:Rule>\n";
  }
  s << "      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n"
    << "</StyledLayerDescriptor>\n";
  return s.str();
}

}  // namespace

std::string choropleth_qml(const MapData& map, const std::string& field) {
  return rules_qml(rules_for(map, field));
}

std::string choropleth_sld(const MapData& map, const std::string& layer, const std::string& field) {
  return rules_sld(rules_for(map, field), layer);
}

std::string outline_qml(const MapData& map) {
  return rules_qml(outline_rules(map));
}

std::string outline_sld(const MapData& map, const std::string& layer) {
  return rules_sld(outline_rules(map), layer);
}

std::string centres_qml() {
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n"
         "<qgis version=\"3.28.0\" styleCategories=\"Symbology|Labeling\">\n"
         "  <renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" "
         "forceraster=\"0\">\n"
         "    <symbols>\n"
         "      <symbol type=\"marker\" name=\"0\" alpha=\"1\" clip_to_extent=\"1\" "
         "force_rhr=\"0\">\n"
         "        <layer class=\"SimpleMarker\" enabled=\"1\" pass=\"0\" locked=\"0\">\n"
         "          <Option type=\"Map\">\n"
         "            <Option type=\"QString\" name=\"name\" value=\"triangle\"/>\n"
         "            <Option type=\"QString\" name=\"color\" value=\"217,26,89,255\"/>\n"
         "            <Option type=\"QString\" name=\"outline_color\" value=\"26,26,26,255\"/>\n"
         "            <Option type=\"QString\" name=\"size\" value=\"3.2\"/>\n"
         "            <Option type=\"QString\" name=\"size_unit\" value=\"MM\"/>\n"
         "          </Option>\n"
         "        </layer>\n"
         "      </symbol>\n"
         "    </symbols>\n"
         "  </renderer-v2>\n"
         "  <labeling type=\"simple\">\n"
         "    <settings calloutType=\"simple\">\n"
         "      <text-style fieldName=\"centre_name\" fontFamily=\"DejaVu Sans\" fontSize=\"7\" "
         "fontWeight=\"75\" textColor=\"26,26,26,255\">\n"
         "        <text-buffer bufferDraw=\"1\" bufferSize=\"0.8\" "
         "bufferColor=\"255,255,255,255\"/>\n"
         "      </text-style>\n"
         "      <placement placement=\"6\" dist=\"1.5\"/>\n"
         "    </settings>\n"
         "  </labeling>\n"
         "</qgis>\n";
}

std::string centres_sld(const std::string& layer) {
  std::ostringstream s;
  s << kSldHeader << "  <NamedLayer>\n    <se:Name>" << xml_escape(layer)
    << "</se:Name>\n    <UserStyle>\n      <se:Name>" << xml_escape(layer)
    << "</se:Name>\n      <se:FeatureTypeStyle>\n        <se:Rule>\n"
    << "          <se:Name>children's centre / family hub</se:Name>\n"
    << "          <se:PointSymbolizer><se:Graphic><se:Mark><se:WellKnownName>triangle"
    << "</se:WellKnownName><se:Fill>" << sld_param("fill", "#d91a59") << "</se:Fill><se:Stroke>"
    << sld_param("stroke", "#1a1a1a") << "</se:Stroke></se:Mark><se:Size>11</se:Size>"
    << "</se:Graphic></se:PointSymbolizer>\n"
    << "          <se:TextSymbolizer><se:Label><ogc:PropertyName>centre_name</ogc:PropertyName>"
    << "</se:Label><se:Font>" << sld_param("font-family", "DejaVu Sans")
    << sld_param("font-size", "10") << "</se:Font><se:Halo><se:Radius>1.5</se:Radius>"
    << "<se:Fill>" << sld_param("fill", "#ffffff") << "</se:Fill></se:Halo></se:TextSymbolizer>\n"
    << "        </se:Rule>\n      </se:FeatureTypeStyle>\n    </UserStyle>\n  </NamedLayer>\n"
    << "</StyledLayerDescriptor>\n";
  return s.str();
}

}  // namespace reachmap
