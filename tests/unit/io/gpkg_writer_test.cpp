// The GeoPackage read back with GDAL: one layer per table with its geometry type, CRS, field
// types (counts whole, flags boolean, a whole population whole), values and NULLs; the QGIS
// styles table; the given time as the last change, so the same inputs give the same bytes.
#include "engine/io/gpkg_writer.hpp"

#include <gtest/gtest.h>

#include "engine/io/detail/gdal_handles.hpp"
#include "engine/io/vector_reader.hpp"
#include "tests/support/polygon_wkb.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using namespace reachmap::detail;
using reachmap::testsupport::TempDir;

namespace {

struct Written {
  Table areas, centres;
  std::vector<GpkgLayer> layers;
  std::vector<LayerStyle> styles;
  Written() {
    areas.columns = {{"area_id", ColumnKind::kText},
                     {"under5_population", ColumnKind::kPopulation},
                     {"seen_children", ColumnKind::kCount},
                     {"seen_reach", ColumnKind::kRate, "seen_children", Formula::kProportion,
                      "under5_population"},
                     {"seen_children_band", ColumnKind::kBand},
                     {"suppressed", ColumnKind::kFlag}};
    areas.rows = {{std::string("A"), 12.0, std::int64_t{3}, 0.25, Cell(), false},
                  {std::string("B"), 30.0, Cell(), Cell(), std::string("1-4"), true}};
    centres.columns = {{"centre_id", ColumnKind::kText}, {"seen_children", ColumnKind::kCount}};
    centres.rows = {{std::string("C1"), std::int64_t{40}}};
    layers = {{"areas",
               &areas,
               {testsupport::box_wkb(0, 0, 10, 10), testsupport::box_wkb(10, 0, 20, 10)}},
              {"centres", &centres, {point_wkb(384000, 398000)}, true}};
    styles = {{"areas", "seen reach", "<qgis/>", "<sld/>", "Seen reach, 5 classes", true}};
  }
};

int field_index(OGRLayerH layer, const char* name) {
  return OGR_FD_GetFieldIndex(OGR_L_GetLayerDefn(layer), name);
}
OGRFieldType field_type(OGRLayerH layer, const char* name) {
  return OGR_Fld_GetType(OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(layer), field_index(layer, name)));
}

}  // namespace

TEST(GpkgWriter, LayersFieldsValuesAndStylesReadBackWithGdal) {
  TempDir dir("gpkg");
  const Written w;
  write_gpkg(dir / "out.gpkg", "EPSG:27700", w.layers, "2026-03-31T00:00:00Z", w.styles);

  GDALAllRegister();
  DatasetPtr ds(GDALOpenEx((dir / "out.gpkg").c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr,
                           nullptr, nullptr));
  ASSERT_TRUE(ds);
  EXPECT_EQ(GDALDatasetGetLayerCount(ds.get()), 3);

  OGRLayerH areas = GDALDatasetGetLayerByName(ds.get(), "areas");
  ASSERT_TRUE(areas);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(areas)), wkbMultiPolygon);
  EXPECT_STREQ(OSRGetAuthorityCode(OGR_L_GetSpatialRef(areas), nullptr), "27700");
  EXPECT_EQ(OGR_L_GetFeatureCount(areas, TRUE), 2);
  EXPECT_EQ(field_type(areas, "area_id"), OFTString);
  EXPECT_EQ(field_type(areas, "under5_population"), OFTInteger64) << "whole children";
  EXPECT_EQ(field_type(areas, "seen_children"), OFTInteger64);
  EXPECT_EQ(field_type(areas, "seen_reach"), OFTReal);
  EXPECT_EQ(field_type(areas, "seen_children_band"), OFTString);
  EXPECT_EQ(field_type(areas, "suppressed"), OFTInteger);
  EXPECT_EQ(OGR_Fld_GetSubType(
                OGR_FD_GetFieldDefn(OGR_L_GetLayerDefn(areas), field_index(areas, "suppressed"))),
            OFSTBoolean);

  OGR_L_ResetReading(areas);
  FeaturePtr a(OGR_L_GetNextFeature(areas));
  ASSERT_TRUE(a);
  EXPECT_STREQ(OGR_F_GetFieldAsString(a.get(), field_index(areas, "area_id")), "A");
  EXPECT_EQ(OGR_F_GetFieldAsInteger64(a.get(), field_index(areas, "under5_population")), 12);
  EXPECT_EQ(OGR_F_GetFieldAsInteger64(a.get(), field_index(areas, "seen_children")), 3);
  EXPECT_DOUBLE_EQ(OGR_F_GetFieldAsDouble(a.get(), field_index(areas, "seen_reach")), 0.25);
  EXPECT_TRUE(OGR_F_IsFieldNull(a.get(), field_index(areas, "seen_children_band")));
  EXPECT_EQ(OGR_F_GetFieldAsInteger(a.get(), field_index(areas, "suppressed")), 0);
  EXPECT_DOUBLE_EQ(OGR_G_Area(OGR_F_GetGeometryRef(a.get())), 100);
  FeaturePtr b(OGR_L_GetNextFeature(areas));
  ASSERT_TRUE(b);
  EXPECT_TRUE(OGR_F_IsFieldNull(b.get(), field_index(areas, "seen_children"))) << "hidden: NULL";
  EXPECT_TRUE(OGR_F_IsFieldNull(b.get(), field_index(areas, "seen_reach")));
  EXPECT_STREQ(OGR_F_GetFieldAsString(b.get(), field_index(areas, "seen_children_band")), "1-4");
  EXPECT_EQ(OGR_F_GetFieldAsInteger(b.get(), field_index(areas, "suppressed")), 1);

  OGRLayerH centres = GDALDatasetGetLayerByName(ds.get(), "centres");
  ASSERT_TRUE(centres);
  EXPECT_EQ(wkbFlatten(OGR_L_GetGeomType(centres)), wkbPoint);
  OGR_L_ResetReading(centres);
  FeaturePtr c(OGR_L_GetNextFeature(centres));
  ASSERT_TRUE(c);
  EXPECT_EQ(OGR_F_GetFieldAsInteger64(c.get(), field_index(centres, "seen_children")), 40);
  EXPECT_DOUBLE_EQ(OGR_G_GetX(OGR_F_GetGeometryRef(c.get()), 0), 384000);
  EXPECT_DOUBLE_EQ(OGR_G_GetY(OGR_F_GetGeometryRef(c.get()), 0), 398000);

  OGRLayerH styles = GDALDatasetGetLayerByName(ds.get(), "layer_styles");
  ASSERT_TRUE(styles);
  OGR_L_ResetReading(styles);
  FeaturePtr s(OGR_L_GetNextFeature(styles));
  ASSERT_TRUE(s);
  EXPECT_STREQ(OGR_F_GetFieldAsString(s.get(), field_index(styles, "f_table_name")), "areas");
  EXPECT_STREQ(OGR_F_GetFieldAsString(s.get(), field_index(styles, "styleName")), "seen reach");
  EXPECT_STREQ(OGR_F_GetFieldAsString(s.get(), field_index(styles, "styleQML")), "<qgis/>");
  EXPECT_EQ(OGR_F_GetFieldAsInteger(s.get(), field_index(styles, "useAsDefault")), 1);

  // The last change of each table is the time given, not the time of writing (as text: GDAL
  // would parse it, and warn that the GeoPackage standard wants milliseconds in it).
  OGRLayerH contents = GDALDatasetExecuteSQL(
      ds.get(), "SELECT '' || last_change FROM gpkg_contents WHERE table_name = 'areas'", nullptr,
      nullptr);
  ASSERT_TRUE(contents);
  {
    FeaturePtr row(OGR_L_GetNextFeature(contents));
    ASSERT_TRUE(row);
    EXPECT_STREQ(OGR_F_GetFieldAsString(row.get(), 0), "2026-03-31T00:00:00Z");
  }
  GDALDatasetReleaseResultSet(ds.get(), contents);
}

TEST(GpkgWriter, SameInputsSameBytes) {
  TempDir dir("gpkg_bytes");
  const Written w;
  write_gpkg(dir / "one.gpkg", "EPSG:27700", w.layers, "2026-03-31T00:00:00Z", w.styles);
  write_gpkg(dir / "two.gpkg", "EPSG:27700", w.layers, "2026-03-31T00:00:00Z", w.styles);
  const std::string one = testsupport::read_text(dir / "one.gpkg");
  EXPECT_GT(one.size(), 0u);
  EXPECT_TRUE(one == testsupport::read_text(dir / "two.gpkg"));
}

TEST(GpkgWriter, ReadBackWithOrWithoutGeometry) {
  // read_vector_layer of what was written: ids in order with their shapes, or (the report's
  // national layers) ids alone, the geometries not read.
  TempDir dir("gpkg-read");
  const Written w;
  write_gpkg(dir / "out.gpkg", "EPSG:27700", w.layers, "2026-03-31T00:00:00Z", w.styles);
  for (const bool geometry : {true, false}) {
    const VectorLayerData read = read_vector_layer(dir / "out.gpkg", "out.gpkg", "areas", "area_id",
                                                   "", {}, {}, {}, geometry);
    ASSERT_EQ(read.features.size(), 2u);
    EXPECT_EQ(read.features[0].id, "A");
    EXPECT_EQ(read.features[1].id, "B");
    for (const auto& f : read.features) EXPECT_EQ(f.wkb.empty(), !geometry) << f.id;
  }
}
