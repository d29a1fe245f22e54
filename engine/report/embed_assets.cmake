# Writes OUT, a C++ file defining reachmap::kReportCss and kReportJs from the asset files, so
# that the report stays one self-contained file and the assets stay editable as CSS and JS.
file(READ "${CSS}" css)
file(READ "${JS}" js)
file(WRITE "${OUT}" "// Generated from engine/report/assets by embed_assets.cmake: do not edit.\n"
  "namespace reachmap {\n"
  "extern const char* const kReportCss;\nextern const char* const kReportJs;\n"
  "const char* const kReportCss = R\"reachmap_asset(${css})reachmap_asset\";\n"
  "const char* const kReportJs = R\"reachmap_asset(${js})reachmap_asset\";\n"
  "}  // namespace reachmap\n")
