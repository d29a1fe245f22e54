#include "engine/io/vector_reader.hpp"

#include <algorithm>

#include <cpl_string.h>

#include "engine/core/error.hpp"
#include "engine/core/text.hpp"
#include "engine/io/detail/gdal_handles.hpp"

namespace reachmap {

using namespace detail;

namespace {
std::string layer_names(GDALDatasetH ds) {
  std::string names;
  for (int i = 0; i < GDALDatasetGetLayerCount(ds); ++i)
    names += (i ? ", " : "") + std::string(OGR_L_GetName(GDALDatasetGetLayer(ds, i)));
  return names;
}

std::string field_names(OGRFeatureDefnH defn) {
  std::string names;
  for (int i = 0; i < OGR_FD_GetFieldCount(defn); ++i)
    names += (i ? ", " : "") + std::string(OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(defn, i)));
  return names;
}
}  // namespace

VectorLayerData read_vector_layer(const std::string& path, const std::string& display,
                                  const std::string& layer, const std::string& id_field,
                                  const std::string& label_field, const std::string& where,
                                  const ExtentInLayerCrs& extent, const FeatureSink& sink,
                                  bool geometry) {
  QuietGdal quiet;
  DatasetPtr ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  if (!ds)
    throw Error(ErrorCode::kUnreadableInput,
                "cannot open as a vector data source: " + QuietGdal::last_message(), {display},
                "give a GeoPackage, Shapefile, GeoJSON or other OGR-readable file");
  OGRLayerH lyr = nullptr;
  if (layer.empty()) {
    if (GDALDatasetGetLayerCount(ds.get()) != 1)
      throw Error(ErrorCode::kBadConfig,
                  "the source has " + std::to_string(GDALDatasetGetLayerCount(ds.get())) +
                      " layers (" + layer_names(ds.get()) + ")",
                  {display}, "name one with layer = \"...\" in its [[layers]] section");
    lyr = GDALDatasetGetLayer(ds.get(), 0);
  } else {
    lyr = GDALDatasetGetLayerByName(ds.get(), layer.c_str());
    if (!lyr)
      throw Error(ErrorCode::kBadConfig,
                  "no layer '" + layer + "' (layers: " + layer_names(ds.get()) + ")", {display},
                  "set layer = \"...\" to one of the names listed");
  }
  VectorLayerData out;
  out.layer_name = OGR_L_GetName(lyr);
  OGRFeatureDefnH defn = OGR_L_GetLayerDefn(lyr);
  const int id_index = id_field.empty() ? -1 : OGR_FD_GetFieldIndex(defn, id_field.c_str());
  if (id_index < 0 && !id_field.empty())
    throw Error(ErrorCode::kBadConfig,
                "layer '" + out.layer_name + "' has no field '" + id_field +
                    "' (fields: " + field_names(defn) + ")",
                {display}, "set id = \"...\" in the [[layers]] section to the area code field");
  int label_index = -1;
  if (!label_field.empty()) {
    label_index = OGR_FD_GetFieldIndex(defn, label_field.c_str());
    if (label_index < 0)
      throw Error(ErrorCode::kBadConfig,
                  "layer '" + out.layer_name + "' has no field '" + label_field +
                      "' (fields: " + field_names(defn) + ")",
                  {display},
                  id_field.empty()
                      ? "set name = \"...\" to the field holding the names, or remove it"
                      : "set label = \"...\" to the area name field, or remove it");
  }
  const OGRwkbGeometryType type = OGR_GT_Flatten(OGR_L_GetGeomType(lyr));
  out.geometry_type = OGRGeometryTypeToName(type);
  if (type == wkbPoint || type == wkbMultiPoint)
    out.family = GeometryFamily::kPoints;
  else if (OGR_GT_IsCurve(type) || OGR_GT_IsSubClassOf(type, wkbMultiCurve))
    out.family = GeometryFamily::kLines;  // Line String, Multi Line String, curves
  else if (OGR_GT_IsSurface(type) || OGR_GT_IsSubClassOf(type, wkbMultiSurface))
    out.family = GeometryFamily::kPolygons;
  OGRSpatialReferenceH srs = OGR_L_GetSpatialRef(lyr);
  if (!srs)
    throw Error(ErrorCode::kUnreadableInput,
                "layer '" + out.layer_name + "' has no coordinate reference system", {display},
                "assign one, e.g. ogr2ogr -a_srs EPSG:27700 fixed.gpkg " + display);
  char* wkt = nullptr;
  const char* options[] = {"FORMAT=WKT2_2019", nullptr};
  OSRExportToWktEx(srs, &wkt, options);
  out.crs_wkt = wkt ? wkt : "";
  CPLFree(wkt);

  // An OGR SQL filter keeps the features of one authority out of a national file.
  if (!where.empty() && OGR_L_SetAttributeFilter(lyr, where.c_str()) != OGRERR_NONE)
    throw Error(ErrorCode::kBadConfig, "the filter '" + where + "' is not valid OGR SQL", {display},
                "e.g. where = \"lad22cd = 'E08000003'\" (single quotes around text)");
  if (extent) {
    const auto [x0, y0, x1, y1] = extent(out.crs_wkt);
    OGR_L_SetSpatialFilterRect(lyr, x0, y0, x1, y1);
  }
  if (!geometry) {
    const char* ignored[] = {"OGR_GEOMETRY", nullptr};
    OGR_L_SetIgnoredFields(lyr, ignored);
  }
  OGR_L_ResetReading(lyr);
  while (FeaturePtr f{OGR_L_GetNextFeature(lyr)}) {
    VectorFeature vf;
    vf.fid = OGR_F_GetFID(f.get());
    if (id_index >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), id_index))
      vf.id = OGR_F_GetFieldAsString(f.get(), id_index);
    if (label_index >= 0 && OGR_F_IsFieldSetAndNotNull(f.get(), label_index))
      vf.label = OGR_F_GetFieldAsString(f.get(), label_index);
    if (OGRGeometryH g = geometry ? OGR_F_GetGeometryRef(f.get()) : nullptr;
        g && !OGR_G_IsEmpty(g)) {
      vf.wkb.resize(static_cast<std::size_t>(OGR_G_WkbSize(g)));
      OGR_G_ExportToIsoWkb(g, wkbNDR, reinterpret_cast<unsigned char*>(vf.wkb.data()));
    }
    // Text is checked at the door: a Shapefile without a .cpg can hand over Windows-1252.
    for (const std::string* text : {&vf.id, &vf.label}) {
      if (invalid_utf8_at(*text) == std::string::npos) continue;
      throw Error(ErrorCode::kBadInput,
                  "feature " + std::to_string(vf.fid) + " of layer '" + out.layer_name +
                      "': the text \"" + excerpt(*text) + "\" is not UTF-8",
                  {display, 0, text == &vf.id ? id_field : label_field},
                  "for a Shapefile, put a .cpg file beside it holding the encoding (e.g. 1252), "
                  "or convert it: ogr2ogr -f GPKG areas.gpkg " +
                      display);
    }
    if (sink)
      sink(out, std::move(vf));
    else
      out.features.push_back(std::move(vf));
  }
  return out;
}

}  // namespace reachmap

namespace reachmap {
std::string gdal_version() {
  return GDALVersionInfo("RELEASE_NAME");
}
}  // namespace reachmap

namespace reachmap {

bool has_vector_layer(const std::string& path, const std::string& layer) {
  detail::QuietGdal quiet;
  detail::DatasetPtr ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  return ds && GDALDatasetGetLayerByName(ds.get(), layer.c_str()) != nullptr;
}

}  // namespace reachmap

namespace reachmap {

std::vector<std::string> vector_source_files(const std::string& path) {
  detail::QuietGdal quiet;
  detail::DatasetPtr ds(
      GDALOpenEx(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr));
  std::vector<std::string> out;
  if (!ds) return out;
  char** list = GDALGetFileList(ds.get());
  for (char** f = list; f && *f; ++f) out.emplace_back(*f);
  CSLDestroy(list);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace reachmap
