#include "engine/render/style_export.hpp"

#include <cmath>
#include <sstream>

#include "engine/core/number_format.hpp"

namespace reachmap {

namespace {

std::string xml_escape(const std::string& s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '&':
        out += "&amp;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

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

std::vector<StyleRule> rules_for(const MapData& map, const std::string& field) {
  const std::string f = "\"" + field + "\"";
  const std::string prop = "<ogc:PropertyName>" + field + "</ogc:PropertyName>";
  const auto literal = [](double v) {
    return "<ogc:Literal>" + format_number(v) + "</ogc:Literal>";
  };
  const std::string not_suppressed =
      "<ogc:PropertyIsEqualTo><ogc:PropertyName>suppressed</ogc:PropertyName>"
      "<ogc:Literal>0</ogc:Literal></ogc:PropertyIsEqualTo>";
  std::vector<StyleRule> rules;
  rules.push_back({map.suppressed_label, "\"suppressed\" = 1",
                   "<ogc:PropertyIsEqualTo><ogc:PropertyName>suppressed</ogc:PropertyName>"
                   "<ogc:Literal>1</ogc:Literal></ogc:PropertyIsEqualTo>",
                   Rgb{1, 1, 1}, true, false});
  rules.push_back({"no data (no population)", f + " IS NULL AND \"suppressed\" = 0",
                   "<ogc:And><ogc:PropertyIsNull>" + prop + "</ogc:PropertyIsNull>" +
                       not_suppressed + "</ogc:And>",
                   no_data_colour()});
  rules.push_back({map.percent ? "0% (none)" : "0", f + " = 0",
                   "<ogc:PropertyIsEqualTo>" + prop + literal(0) + "</ogc:PropertyIsEqualTo>",
                   zero_colour(), false, true});
  const int k = map.classes.count();
  for (int i = 0; i < k; ++i) {
    const double lo = map.classes.edges[static_cast<std::size_t>(i)];
    const double hi = map.classes.edges[static_cast<std::size_t>(i) + 1];
    const bool last = i == k - 1;
    // Zero has its own rule, so a first class that starts at 0 excludes it.
    const std::string lower_op = lo == 0 ? " > " : " >= ";
    const std::string sld_lower =
        lo == 0 ? "PropertyIsGreaterThan" : "PropertyIsGreaterThanOrEqualTo";
    const std::string sld_upper = last ? "PropertyIsLessThanOrEqualTo" : "PropertyIsLessThan";
    rules.push_back({class_label(map.classes, i, map.percent),
                     f + lower_op + format_number(lo) + " AND " + f + (last ? " <= " : " < ") +
                         format_number(hi),
                     "<ogc:And><ogc:" + sld_lower + ">" + prop + literal(lo) +
                         "</ogc:" + sld_lower + "><ogc:" + sld_upper + ">" + prop + literal(hi) +
                         "</ogc:" + sld_upper + "></ogc:And>",
                     map.colours[static_cast<std::size_t>(i)]});
  }
  // Anything else (e.g. a layer styled without classes): a plain light fill.
  rules.push_back({"other", "ELSE", "", Rgb::hex(0xf4f4f4)});
  return rules;
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

}  // namespace

std::string choropleth_qml(const MapData& map, const std::string& field) {
  const auto rules = rules_for(map, field);
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

namespace {
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
}  // namespace

std::string choropleth_sld(const MapData& map, const std::string& layer, const std::string& field) {
  std::ostringstream s;
  s << kSldHeader << "  <NamedLayer>\n    <se:Name>" << xml_escape(layer)
    << "</se:Name>\n    <UserStyle>\n      <se:Name>" << xml_escape(layer)
    << "</se:Name>\n      <se:FeatureTypeStyle>\n";
  for (const auto& r : rules_for(map, field)) {
    const bool is_else = r.qgis_filter == "ELSE";
    s << "        <se:Rule>\n          <se:Name>" << xml_escape(r.label)
      << "</se:Name>\n          <se:Description><se:Title>" << xml_escape(r.label)
      << "</se:Title></se:Description>\n          "
      << (is_else ? "<se:ElseFilter/>" : "<ogc:Filter>" + r.sld_filter + "</ogc:Filter>")
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
