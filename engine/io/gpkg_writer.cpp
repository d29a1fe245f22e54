#include "engine/io/gpkg_writer.hpp"

#include <cmath>

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"
#include "engine/io/detail/gdal_handles.hpp"

namespace reachmap {

using namespace detail;

namespace {
// Counts are whole numbers and text is text whatever the column; a rank, score or category
// column takes the type of its cells (priority_rank is whole, lisa_cluster is text).
OGRFieldType field_type(const Table& table, std::size_t column) {
  switch (table.columns[column].kind) {
    case ColumnKind::kText:
    case ColumnKind::kBand:
      return OFTString;
    case ColumnKind::kCount:
    case ColumnKind::kGroupCount:
    case ColumnKind::kDerivedCount:
      return OFTInteger64;
    case ColumnKind::kFlag:
      return OFTInteger;
    default:
      break;
  }
  bool whole = false, real = false;
  // A population of whole children (a census count, not an estimate) is stored as a whole
  // number, as analysts expect; a fractional estimate stays real.
  const bool population = table.columns[column].kind == ColumnKind::kPopulation;
  for (const auto& row : table.rows) {
    if (std::holds_alternative<std::string>(row[column])) return OFTString;
    whole |= std::holds_alternative<std::int64_t>(row[column]);
    if (const auto* d = std::get_if<double>(&row[column])) {
      if (population && std::floor(*d) == *d && std::fabs(*d) < 9e15)
        whole = true;
      else
        real = true;
    }
  }
  return whole && !real ? OFTInteger64 : OFTReal;
}

[[noreturn]] void fail(const std::string& target, const std::string& what) {
  throw Error(ErrorCode::kOutput, what + ": " + QuietGdal::last_message(), {target},
              "check that the output folder is writable and has space");
}

void write_layer(GDALDatasetH ds, OGRSpatialReferenceH srs, const GpkgLayer& layer,
                 const std::string& target) {
  const char* options[] = {"SPATIAL_INDEX=YES", nullptr};
  OGRLayerH lyr = GDALDatasetCreateLayer(ds, layer.name.c_str(), srs,
                                         layer.points  ? wkbPoint
                                         : layer.lines ? wkbMultiLineString
                                                       : wkbMultiPolygon,
                                         const_cast<char**>(options));
  if (!lyr) fail(target, "cannot create layer '" + layer.name + "'");
  for (std::size_t c = 0; c < layer.table->columns.size(); ++c) {
    const TableColumn& col = layer.table->columns[c];
    OGRFieldDefnH fd = OGR_Fld_Create(col.name.c_str(), field_type(*layer.table, c));
    if (col.kind == ColumnKind::kFlag) OGR_Fld_SetSubType(fd, OFSTBoolean);
    const OGRErr err = OGR_L_CreateField(lyr, fd, TRUE);
    OGR_Fld_Destroy(fd);
    if (err != OGRERR_NONE) fail(target, "cannot create field '" + col.name + "'");
  }
  if (OGR_L_StartTransaction(lyr) != OGRERR_NONE) fail(target, "cannot start a transaction");
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
  for (std::size_t r = 0; r < layer.table->rows.size(); ++r) {
    FeaturePtr f(OGR_F_Create(defn));
    const auto& row = layer.table->rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      const int i = static_cast<int>(c);
      if (const auto* s = std::get_if<std::string>(&row[c]))
        OGR_F_SetFieldString(f.get(), i, s->c_str());
      else if (const auto* d = std::get_if<double>(&row[c]))
        OGR_F_SetFieldDouble(f.get(), i, *d);  // exact for a whole-number field (see above)
      else if (const auto* n = std::get_if<std::int64_t>(&row[c]))
        OGR_F_SetFieldInteger64(f.get(), i, *n);
      else if (const auto* b = std::get_if<bool>(&row[c]))
        OGR_F_SetFieldInteger(f.get(), i, *b);
      else
        OGR_F_SetFieldNull(f.get(), i);
    }
    if (r < layer.wkb.size() && !layer.wkb[r].empty()) {
      OGRGeometryH g = nullptr;
      auto* bytes = reinterpret_cast<unsigned char*>(const_cast<char*>(layer.wkb[r].data()));
      if (OGR_G_CreateFromWkb(bytes, srs, &g, static_cast<int>(layer.wkb[r].size())) != OGRERR_NONE)
        fail(target, "cannot convert a geometry");
      if (layer.lines)
        g = OGR_G_ForceToMultiLineString(g);
      else if (!layer.points)
        g = OGR_G_ForceToMultiPolygon(g);
      OGR_F_SetGeometryDirectly(f.get(), g);
    }
    if (OGR_L_CreateFeature(lyr, f.get()) != OGRERR_NONE) fail(target, "cannot write a feature");
  }
  if (OGR_L_CommitTransaction(lyr) != OGRERR_NONE) fail(target, "cannot commit layer");
}
void write_styles(GDALDatasetH ds, const std::vector<LayerStyle>& styles,
                  const std::string& timestamp, const std::string& target) {
  const char* options[] = {"FID=id", nullptr};
  OGRLayerH lyr =
      GDALDatasetCreateLayer(ds, "layer_styles", nullptr, wkbNone, const_cast<char**>(options));
  if (!lyr) fail(target, "cannot create the layer_styles table");
  const std::pair<const char*, OGRFieldType> fields[] = {{"f_table_catalog", OFTString},
                                                         {"f_table_schema", OFTString},
                                                         {"f_table_name", OFTString},
                                                         {"f_geometry_column", OFTString},
                                                         {"styleName", OFTString},
                                                         {"styleQML", OFTString},
                                                         {"styleSLD", OFTString},
                                                         {"useAsDefault", OFTInteger},
                                                         {"description", OFTString},
                                                         {"owner", OFTString},
                                                         {"ui", OFTString},
                                                         {"update_time", OFTDateTime}};
  for (const auto& [name, type] : fields) {
    OGRFieldDefnH fd = OGR_Fld_Create(name, type);
    if (std::string(name) == "useAsDefault") OGR_Fld_SetSubType(fd, OFSTBoolean);
    OGR_L_CreateField(lyr, fd, TRUE);
    OGR_Fld_Destroy(fd);
  }
  int y = 2000, mo = 1, d = 1;
  std::sscanf(timestamp.c_str(), "%d-%d-%d", &y, &mo, &d);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
  for (const auto& st : styles) {
    FeaturePtr f(OGR_F_Create(defn));
    OGR_F_SetFieldString(f.get(), 0, "");
    OGR_F_SetFieldString(f.get(), 1, "");
    OGR_F_SetFieldString(f.get(), 2, st.table.c_str());
    OGR_F_SetFieldString(f.get(), 3, "geom");
    OGR_F_SetFieldString(f.get(), 4, st.name.c_str());
    OGR_F_SetFieldString(f.get(), 5, st.qml.c_str());
    OGR_F_SetFieldString(f.get(), 6, st.sld.c_str());
    OGR_F_SetFieldInteger(f.get(), 7, st.is_default ? 1 : 0);
    OGR_F_SetFieldString(f.get(), 8, st.description.c_str());
    OGR_F_SetFieldString(f.get(), 9, "reachmap");
    OGR_F_SetFieldNull(f.get(), 10);
    OGR_F_SetFieldDateTime(f.get(), 11, y, mo, d, 0, 0, 0, 100);
    if (OGR_L_CreateFeature(lyr, f.get()) != OGRERR_NONE) fail(target, "cannot write a style");
  }
}

}  // namespace

void write_gpkg(const std::string& target, const std::string& crs,
                const std::vector<GpkgLayer>& layers, const std::string& timestamp,
                const std::vector<LayerStyle>& styles) {
  QuietGdal quiet;
  // GDAL stamps the GeoPackage with the current time unless told otherwise.
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", timestamp.c_str());
  // GDAL's GPKG driver creates the file itself (and refuses an existing one): it does so in a
  // folder of our own beside the target (mkdtemp), where no link can be planted.
  const TemporaryFolder work(std::filesystem::path(target).parent_path().string(), "gpkg");
  const std::string temporary = work.path() + "/new.gpkg";
  {
    GDALDriverH driver = GDALGetDriverByName("GPKG");
    if (!driver) throw Error(ErrorCode::kInternal, "GDAL has no GPKG driver", {target});
    DatasetPtr ds(GDALCreate(driver, temporary.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
    if (!ds) fail(target, "cannot create the GeoPackage");
    SrsPtr srs(OSRNewSpatialReference(nullptr));
    if (OSRSetFromUserInput(srs.get(), crs.c_str()) != OGRERR_NONE)
      fail(target, "unknown CRS '" + crs + "'");
    for (const auto& layer : layers) write_layer(ds.get(), srs.get(), layer, target);
    if (!styles.empty()) write_styles(ds.get(), styles, timestamp, target);
  }
  CPLSetThreadLocalConfigOption("OGR_CURRENT_DATE", nullptr);
  commit_file(temporary, target);
}

}  // namespace reachmap

namespace reachmap {
std::string point_wkb(double x, double y) {
  std::string wkb(21, '\0');
  wkb[0] = 1;  // little endian
  const std::uint32_t type = 1;
  std::memcpy(&wkb[1], &type, 4);
  std::memcpy(&wkb[5], &x, 8);
  std::memcpy(&wkb[13], &y, 8);
  return wkb;
}
}  // namespace reachmap
