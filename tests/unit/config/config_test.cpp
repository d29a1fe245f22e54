#include "engine/config/config.hpp"

#include <gtest/gtest.h>

#include "engine/core/error.hpp"
#include "tests/support/test_support.hpp"

using namespace reachmap;
using reachmap::testsupport::TempDir;
using reachmap::testsupport::write_text;

namespace {
const char* kMinimal = R"([run]
from = 2025-04-01
to = 2026-03-31

[postcodes]
path = "pc.csv"

[registrations]
path = "reg.csv"

[attendance]
path = "att.csv"

[[layers]]
name = "lsoa"
path = "b.gpkg"
id = "code"
)";

Error load_error(const std::string& text) {
  TempDir dir("cfg");
  write_text(dir / "c.toml", text);
  try {
    load_config(dir / "c.toml");
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "expected an error for:\n" << text;
  return Error(ErrorCode::kInternal, "none");
}
}  // namespace

TEST(Config, MinimalConfigGetsDefaults) {
  TempDir dir("cfgmin");
  write_text(dir / "c.toml", kMinimal);
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.run.from, (Date{2025, 4, 1}));
  EXPECT_EQ(c.run.crs, "EPSG:27700");
  EXPECT_EQ(c.run.sustained_min_contacts, 3);
  EXPECT_EQ(c.postcodes.postcode.name, "pcds");
  EXPECT_EQ(c.postcodes.lon.name, "long");
  EXPECT_EQ(c.registrations.child_id.name, "child_id");
  EXPECT_FALSE(c.registrations.child_id.explicit_);
  EXPECT_EQ(c.privacy.min_count, 5);
  // Paths are relative to the config file.
  EXPECT_EQ(c.registrations.path, (std::filesystem::path(dir.path()) / "reg.csv").string());
  EXPECT_EQ(c.registrations.display, "reg.csv");
}

TEST(Config, ColumnOverrides) {
  TempDir dir("cfgcol");
  std::string text = kMinimal;
  text.replace(text.find("path = \"reg.csv\""), 16, "path = \"reg.csv\"\nchild_id = \"ChildRef\"");
  write_text(dir / "c.toml", text);
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.registrations.child_id.name, "ChildRef");
  EXPECT_TRUE(c.registrations.child_id.explicit_);
}

TEST(Config, UnknownKeyIsAnErrorWithItsLine) {
  std::string text = kMinimal;
  text.replace(text.find("to = "), 0, "form = 2025-04-01\n");  // a typo on line 3
  const Error e = load_error(text);
  EXPECT_EQ(e.code(), ErrorCode::kBadConfig);
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_NE(std::string(e.what()).find("unknown key 'form' in [run]"), std::string::npos);
}

TEST(Config, UnknownSectionIsAnErrorWithItsLine) {
  const Error e = load_error(std::string(kMinimal) + "\n[privcy]\nmin_count = 3\n");
  EXPECT_EQ(e.where().line, 19u);
  EXPECT_NE(std::string(e.what()).find("unknown section [privcy]"), std::string::npos);
}

TEST(Config, UnknownKeyInALayer) {
  const Error e = load_error(std::string(kMinimal) + "lable = \"name\"\n");
  EXPECT_EQ(e.where().line, 18u);
}

TEST(Config, BadValuesNameTheKey) {
  std::string text = kMinimal;
  text.replace(text.find("to = 2026-03-31"), 15, "to = \"31/03/2026\"");
  const Error e = load_error(text);
  EXPECT_EQ(e.where().line, 3u);
  EXPECT_NE(std::string(e.what()).find("[run] to"), std::string::npos);
}

TEST(Config, SyntaxErrorHasALine) {
  const Error e = load_error("[run]\nfrom = 2025-04-01\nto = \n");
  EXPECT_EQ(e.code(), ErrorCode::kBadConfig);
  EXPECT_EQ(e.where().line, 3u);
}

TEST(Config, MissingSectionAndLayers) {
  EXPECT_NE(std::string(load_error("[run]\nfrom = 2025-04-01\nto = 2026-03-31\n").what())
                .find("missing section [postcodes]"),
            std::string::npos);
  std::string text = kMinimal;
  text.erase(text.find("[[layers]]"));
  EXPECT_NE(std::string(load_error(text).what()).find("no boundary layers"), std::string::npos);
}

TEST(Config, PeriodMustRunForwards) {
  std::string text = kMinimal;
  text.replace(text.find("to = 2026-03-31"), 15, "to = 2024-03-31");
  EXPECT_NE(std::string(load_error(text).what()).find("before 'from'"), std::string::npos);
}

TEST(Config, MapsSections) {
  TempDir dir("cfgmaps");
  write_text(dir / "c.toml",
             std::string(kMinimal) +
                 "\n[[maps]]\nlayer = \"lsoa\"\nindicator = \"seen_reach\"\n"
                 "classes = [0.2, 0.4, 0.6]\npalette = \"Blues\"\n"
                 "formats = [\"png\"]\n\n[[maps]]\nlayer = \"lsoa\"\n"
                 "indicator = \"registered_reach\"\nclasses = \"jenks\"\ncount = 7\n"
                 "\n[map_style]\nattribution = [\"Contains OS data\"]\n");
  const Config c = load_config(dir / "c.toml");
  ASSERT_EQ(c.maps.size(), 2u);
  EXPECT_EQ(c.maps[0].classes, ClassMethod::kFixed);
  EXPECT_EQ(c.maps[0].breaks, (std::vector<double>{0.2, 0.4, 0.6}));
  EXPECT_EQ(c.maps[0].formats, (std::vector<MapFormat>{MapFormat::kPng}));
  EXPECT_EQ(c.maps[0].line, 19u);
  EXPECT_EQ(c.maps[1].classes, ClassMethod::kJenks);
  EXPECT_EQ(c.maps[1].count, 7);
  EXPECT_EQ(c.attribution, (std::vector<std::string>{"Contains OS data"}));
}

TEST(Config, BadMapsValues) {
  const std::string maps =
      std::string(kMinimal) + "\n[[maps]]\nlayer = \"lsoa\"\nindicator = \"x\"\n";
  EXPECT_EQ(load_error(maps + "classes = \"natural\"\n").where().line, 22u);
  EXPECT_EQ(load_error(maps + "classes = [0.4, 0.2]\n").where().line, 22u);
  EXPECT_EQ(load_error(maps + "formats = [\"jpg\"]\n").where().line, 22u);
  EXPECT_EQ(load_error(maps + "colour = \"red\"\n").where().line, 22u);
}

TEST(Config, LookupsCarryPopulationAndDeprivationAcrossVintages) {
  TempDir dir("cfglookup");
  write_text(dir / "c.toml", std::string(kMinimal) + R"(
[lookups]
path = "lsoa11_lsoa21.csv"

[population]
path = "census.csv"
area = "lsoa21cd"
count = "age_0_15"
codes = "new"
scale = 0.3125

[deprivation]
path = "imd.csv"
area = "lsoa11cd"
codes = "layer"
weight = "pop_total_mid2015"
)");
  const Config c = load_config(dir / "c.toml");
  ASSERT_TRUE(c.lookup);
  EXPECT_EQ(c.lookup->old_code.name, "lsoa11cd");
  EXPECT_EQ(c.lookup->new_code.name, "lsoa21cd");
  EXPECT_EQ(c.lookup->change.name, "chgind");
  EXPECT_EQ(c.population->codes, CodeVintage::kNew);
  EXPECT_EQ(c.population->scale, 0.3125);
  EXPECT_EQ(c.deprivation->codes, CodeVintage::kLayer);
  EXPECT_EQ(c.deprivation->weight.name, "pop_total_mid2015");
}

TEST(Config, OtherVintageCodesNeedLookupsAndScaleMustBePositive) {
  const std::string pop = std::string(kMinimal) + "\n[population]\npath = \"p.csv\"\n";
  Error e = load_error(pop + "codes = \"old\"\n");
  EXPECT_NE(std::string(e.what()).find("needs a [lookups] section"), std::string::npos);
  EXPECT_EQ(e.where().line, 21u);
  e = load_error(pop + "codes = \"2011\"\n");
  EXPECT_NE(std::string(e.what()).find("must be \"layer\", \"old\" or \"new\""), std::string::npos);
  e = load_error(pop + "scale = 0\n");
  EXPECT_NE(std::string(e.what()).find("scale: must be a number above 0"), std::string::npos);
}

TEST(Config, MinCountOutsideItsRangeIsAnErrorWithItsLine) {
  // 4294967296 once wrapped to 0 and silently published every small count.
  for (const char* v : {"4294967296", "-1", "1001"}) {
    const Error e = load_error(std::string(kMinimal) + "\n[privacy]\nmin_count = " + v + "\n");
    EXPECT_EQ(e.where().line, 20u) << v;
    EXPECT_NE(std::string(e.what()).find("from 0 (off) to 1000"), std::string::npos) << e.what();
  }
}

TEST(Config, PrivacyRules) {
  TempDir dir("cfgpriv");
  write_text(dir / "c.toml", std::string(kMinimal) + "\n[privacy]\nrule = \"round\"\nbase = 10\n");
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.privacy.rule, DisclosureRule::kRound);
  EXPECT_EQ(c.privacy.base, 10);
  EXPECT_NE(std::string(load_error(std::string(kMinimal) + "\n[privacy]\nrule = \"blur\"\n").what())
                .find("\"suppress\", \"round\" or \"perturb\""),
            std::string::npos);
  EXPECT_NE(std::string(load_error(std::string(kMinimal) + "\n[privacy]\nbase = 5\n").what())
                .find("is for rule = \"round\""),
            std::string::npos);
}

TEST(Config, PerturbRuleAndItsParameters) {
  TempDir dir("cfgperturb");
  write_text(dir / "c.toml", std::string(kMinimal) + "\n[privacy]\nrule = \"perturb\"\n");
  const Config d = load_config(dir / "c.toml");
  EXPECT_EQ(d.privacy.rule, DisclosureRule::kPerturb);
  EXPECT_EQ(d.privacy.max_perturbation, 2);
  EXPECT_EQ(d.privacy.small_counts, 2);
  EXPECT_DOUBLE_EQ(d.privacy.variance, 1.0);
  EXPECT_TRUE(d.privacy.active());
  write_text(dir / "c.toml", std::string(kMinimal) +
                                 "\n[privacy]\nrule = \"perturb\"\nmax_perturbation = 4\n"
                                 "small_counts = 3\nvariance = 2.5\n");
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.privacy.max_perturbation, 4);
  EXPECT_EQ(c.privacy.small_counts, 3);
  EXPECT_DOUBLE_EQ(c.privacy.variance, 2.5);
  // max_perturbation = 1 alone: only 1 can be kept from showing (a 1 must reach 0 or 2).
  write_text(dir / "c.toml",
             std::string(kMinimal) + "\n[privacy]\nrule = \"perturb\"\nmax_perturbation = 1\n");
  EXPECT_EQ(load_config(dir / "c.toml").privacy.small_counts, 1);

  // Each bad value is an error on its own line (the [privacy] header is line 19).
  const std::string perturb = std::string(kMinimal) + "\n[privacy]\nrule = \"perturb\"\n";
  const struct {
    std::string text, what;
    unsigned line;
  } bad[] = {
      {perturb + "max_perturbation = 0\n", "max_perturbation: must be from 1 to 10", 21},
      {perturb + "max_perturbation = 11\n", "max_perturbation: must be from 1 to 10", 21},
      {perturb + "max_perturbation = \"2\"\n", "max_perturbation: must be a whole number", 21},
      {perturb + "small_counts = 3\n", "small_counts: must be from 0 to max_perturbation (2)", 21},
      {perturb + "small_counts = -1\n", "small_counts: must be from 0 to max_perturbation", 21},
      {perturb + "variance = 0\n", "variance: must be above 0 and below max_perturbation squared",
       21},
      {perturb + "variance = 4\n", "below max_perturbation squared (4)", 21},
      {perturb + "min_count = 5\n", "min_count: is for rule = \"suppress\"", 21},
      {perturb + "base = 5\n", "base: is for rule = \"round\"", 21},
      {std::string(kMinimal) + "\n[privacy]\nmax_perturbation = 2\n",
       "max_perturbation: is for rule = \"perturb\"", 20},
      {std::string(kMinimal) + "\n[privacy]\nrule = \"round\"\nvariance = 1\n",
       "variance: is for rule = \"perturb\"", 21},
  };
  for (const auto& b : bad) {
    const Error e = load_error(b.text);
    EXPECT_EQ(e.code(), ErrorCode::kBadConfig) << b.text;
    EXPECT_EQ(e.where().line, b.line) << b.text;
    EXPECT_NE(std::string(e.what()).find(b.what), std::string::npos) << e.what();
  }
}

TEST(Config, PriorityWeights) {
  TempDir dir("cfgprio");
  write_text(dir / "c.toml", std::string(kMinimal) +
                                 "\n[analysis]\nweights = \"rook\"\n[analysis.priority]\n"
                                 "gap = 0.6\nneed = 0\n");
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.analysis.weights, WeightsKind::kRook);
  EXPECT_DOUBLE_EQ(c.analysis.priority.gap, 0.6);
  EXPECT_DOUBLE_EQ(c.analysis.priority.need, 0);
  EXPECT_DOUBLE_EQ(c.analysis.priority.shortfall, 0.2);
  const Error e = load_error(std::string(kMinimal) + "\n[analysis.priority]\ngapp = 0.6\n");
  EXPECT_NE(std::string(e.what()).find("unknown key 'gapp' in [analysis.priority]"),
            std::string::npos);
}

TEST(Config, ReachAreas) {
  TempDir dir("cfgreach");
  write_text(dir / "c.toml", std::string(kMinimal) +
                                 "\n[centres]\npath = \"c.csv\"\nreach_areas = \"lsoas\"\n"
                                 "reach_layer = \"lsoa\"\n");
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.centres->reach_areas.name, "lsoas");
  EXPECT_EQ(c.centres->reach_layer, "lsoa");
  EXPECT_NE(std::string(load_error(std::string(kMinimal) +
                                   "\n[centres]\npath = \"c.csv\"\nreach_areas = \"x\"\n")
                            .what())
                .find("reach_layer"),
            std::string::npos);
  EXPECT_NE(std::string(load_error(std::string(kMinimal) +
                                   "\n[centres]\npath = \"c.csv\"\nreach_areas = \"x\"\n"
                                   "reach_layer = \"ward\"\n")
                            .what())
                .find("'ward' is not a [[layers]] name"),
            std::string::npos);
  write_text(dir / "d.toml", std::string(kMinimal) +
                                 "\n[centres]\npath = \"c.csv\"\nreach_path = \"reach.gpkg\"\n");
  const Config d = load_config(dir / "d.toml");
  ASSERT_TRUE(d.centres->reach_boundaries);
  EXPECT_EQ(d.centres->reach_boundaries->id, "centre_id");
}

TEST(Config, NegativeSeedIsAnError) {
  // -1 was written to the manifest as 18446744073709551615.
  std::string text = kMinimal;
  text.replace(text.find("to = 2026-03-31"), 15, "to = 2026-03-31\nseed = -1");
  const Error e = load_error(text);
  EXPECT_EQ(e.where().line, 4u);
  EXPECT_NE(std::string(e.what()).find("[run] seed"), std::string::npos) << e.what();
}

// A deleted section header drops its keys into the section above: the message says where
// each key belongs.
TEST(Config, ADeletedSectionHeaderIsNamed) {
  std::string text = kMinimal;
  text.replace(text.find("[attendance]\npath = \"att.csv\"\n"), 29, "date = \"Date\"\n");
  Error e = load_error(text);
  EXPECT_EQ(e.where().line, 11u);
  EXPECT_NE(std::string(e.what()).find("unknown key 'date' in [registrations]"), std::string::npos);
  EXPECT_NE(e.hint().find("'date' belongs in [attendance]"), std::string::npos) << e.hint();
  EXPECT_NE(e.hint().find("header line missing or misspelt above line 11"), std::string::npos);
  // The same key twice in one section (the second one was meant for the next).
  text = kMinimal;
  text.replace(text.find("[attendance]\n"), 13, "");
  e = load_error(text);
  EXPECT_EQ(e.where().line, 11u);
  EXPECT_NE(e.hint().find("header] line is missing"), std::string::npos) << e.what();
  // A key above every section.
  e = load_error("from = 2025-04-01\n" + std::string(kMinimal));
  EXPECT_NE(std::string(e.what()).find("the key 'from' is outside any section"), std::string::npos);
  EXPECT_NE(e.hint().find("belongs in [layers] or [run]"), std::string::npos) << e.hint();
}

TEST(Config, TextEncodingOfCsvInputs) {
  TempDir dir("cfgenc");
  std::string text = kMinimal;
  text.replace(text.find("path = \"reg.csv\""), 16, "path = \"reg.csv\"\nencoding = \"Latin1\"");
  write_text(dir / "c.toml", text);
  const Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.registrations.encoding, TextEncoding::kWindows1252);
  EXPECT_EQ(c.registrations.section, "registrations");
  EXPECT_EQ(c.attendance.encoding, TextEncoding::kUtf8);
  text = kMinimal;
  text.replace(text.find("path = \"att.csv\""), 16, "path = \"att.csv\"\nencoding = \"ebcdic\"");
  const Error e = load_error(text);
  EXPECT_EQ(e.where().line, 13u);
  EXPECT_NE(std::string(e.what()).find("[attendance] encoding: must be"), std::string::npos);
}

TEST(Config, AFolderIsNotAConfig) {
  TempDir dir("cfgdir");
  try {
    load_config(dir.path());
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is a folder"), std::string::npos);
  }
}

TEST(Config, BasemapAndKnownChildrenSections) {
  TempDir dir("cfgbase");
  write_text(dir / "c.toml", std::string(kMinimal) +
                                 "\n[[basemap]]\npath = \"roads.gpkg\"\nkind = \"road\"\n"
                                 "name = \"name_1\"\n\n[[basemap]]\npath = \"green.shp\"\n"
                                 "kind = \"green\"\n\n[known_children]\npath = \"hv.csv\"\n"
                                 "child_id = \"nhs\"\n");
  const Config c = load_config(dir / "c.toml");
  ASSERT_EQ(c.basemap.size(), 2u);
  EXPECT_EQ(c.basemap[0].kind, BasemapKind::kRoad);
  EXPECT_EQ(c.basemap[0].name, "name_1");
  EXPECT_EQ(c.basemap[1].kind, BasemapKind::kGreen);
  EXPECT_EQ(c.basemap[1].display, "green.shp");
  ASSERT_TRUE(c.known_children);
  EXPECT_TRUE(c.known_children->personal) << "its messages never print a value";
  EXPECT_EQ(c.known_children->child_id.name, "nhs");
  EXPECT_EQ(c.known_children->postcode.name, "postcode");
}

TEST(Config, ABasemapKindMustBeOneOfFour) {
  const Error e =
      load_error(std::string(kMinimal) + "\n[[basemap]]\npath = \"r.gpkg\"\nkind = \"motorway\"\n");
  EXPECT_EQ(e.where().line, 21u) << "the line of kind";
  EXPECT_NE(std::string(e.what()).find("[basemap] kind"), std::string::npos) << e.what();
  EXPECT_NE(e.hint().find("green"), std::string::npos) << e.hint();
}

TEST(Config, NumberedAreasIsAWholeNumberUpTo50) {
  TempDir dir("cfgnum");
  write_text(dir / "c.toml", std::string(kMinimal) + "\n[map_style]\nnumbered_areas = 3\n");
  EXPECT_EQ(load_config(dir / "c.toml").numbered_areas, 3u);
  const Error e = load_error(std::string(kMinimal) + "\n[map_style]\nnumbered_areas = 500\n");
  EXPECT_NE(std::string(e.what()).find("numbered_areas"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 20u);
}

TEST(Config, AtMost64TargetGroups) {
  // A child's groups are the bits of one 64-bit word (Child::groups).
  std::string names;
  for (int g = 0; g < 65; ++g) names += (g ? ", \"g" : "\"g") + std::to_string(g) + "\"";
  std::string text = kMinimal;
  text.replace(text.find("path = \"reg.csv\""), 16, "path = \"reg.csv\"\ngroups = [" + names + "]");
  const Error e = load_error(text);
  EXPECT_NE(std::string(e.what()).find("[registrations] groups"), std::string::npos) << e.what();
  EXPECT_NE(std::string(e.what()).find("at most 64"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 10u);
}

TEST(Config, GroupPopulationsTakePopulationsLayerAndAreaAndNameTheirGroup) {
  TempDir dir("cfggroups");
  write_text(dir / "c.toml", std::string(kMinimal) + R"(
[population]
path = "p.csv"
area = "lsoa21cd"

[[group_population]]
name = "lone_parent"
path = "g.csv"
count = "lp_0_4"

[[group_population]]
name = "welsh_speaking"
path = "g.csv"
scale = 1.5
)");
  const Config c = load_config(dir / "c.toml");
  ASSERT_EQ(c.group_populations.size(), 2u);
  EXPECT_EQ(c.group_populations[0].name, "lone_parent");
  EXPECT_EQ(c.group_populations[0].layer, "lsoa");
  EXPECT_EQ(c.group_populations[0].area.name, "lsoa21cd");
  EXPECT_EQ(c.group_populations[0].count.name, "lp_0_4");
  EXPECT_EQ(c.group_populations[1].count.name, "welsh_speaking");  // the group's name
  EXPECT_EQ(c.group_populations[1].scale, 1.5);
}

TEST(Config, GroupPopulationErrorsNameTheLine) {
  const std::string pop = std::string(kMinimal) + "\n[population]\npath = \"p.csv\"\n";
  const std::string g = "\n[[group_population]]\npath = \"g.csv\"\n";  // name on line 24
  Error e = load_error(pop + g + "name = \"lone parent\"\n");
  EXPECT_NE(std::string(e.what()).find("may only hold letters"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 24u);
  e = load_error(pop + g + "name = \"a\"\n" + g + "name = \"a\"\n");
  EXPECT_NE(std::string(e.what()).find("'a' is used twice"), std::string::npos) << e.what();
  // A name whose columns would be reachmap's own: "under5" makes under5_population.
  e = load_error(pop + g + "name = \"under5\"\n");
  EXPECT_NE(std::string(e.what()).find("would make a column 'under5_population'"),
            std::string::npos)
      << e.what();
  e = load_error(pop + g + "name = \"a\"\nlayer = \"ward\"\n");
  EXPECT_NE(std::string(e.what()).find("'ward' is not a [[layers]] name"), std::string::npos);
  e = load_error(std::string(kMinimal) + g + "name = \"a\"\n");
  EXPECT_NE(std::string(e.what()).find("needs a [population] section"), std::string::npos);
  e = load_error(pop + "\n[group_population]\nname = \"a\"\npath = \"g.csv\"\n");
  EXPECT_NE(std::string(e.what()).find("must be written [[group_population]]"), std::string::npos);
}

TEST(Config, CarersAreCountedWhenTheCarerColumnIsNamedOrTheKindsAreListed) {
  TempDir dir("cfgcarers");
  write_text(dir / "c.toml", kMinimal);
  EXPECT_FALSE(load_config(dir / "c.toml").carers);  // neither: no carers counted
  std::string named = kMinimal;
  named.replace(named.find("path = \"att.csv\""), 16, "path = \"att.csv\"\ncarer = \"who\"");
  write_text(dir / "c.toml", named);
  const Config c = load_config(dir / "c.toml");
  ASSERT_TRUE(c.carers);
  EXPECT_FALSE(c.carers->from_config);
  EXPECT_EQ(c.carers->kinds.front(), "father");  // the built-in kinds
  EXPECT_EQ(c.attendance.carer.name, "who");
  write_text(dir / "c.toml",
             std::string(kMinimal) +
                 "\n[carers]\nnan = [\"Nan\"]\nfather = [\"Dad\", \"Papa\"]\nother = [\"Aunt\"]\n");
  const Config listed = load_config(dir / "c.toml");
  ASSERT_TRUE(listed.carers);
  EXPECT_TRUE(listed.carers->from_config);
  // In the config's order, not the keys' (nan before father).
  EXPECT_EQ(listed.carers->kinds, (std::vector<std::string>{"nan", "father", "other"}));
  EXPECT_EQ(listed.carers->kind_of("papa"), std::optional<std::size_t>(1));
  EXPECT_EQ(listed.attendance.carer.name, "carer");  // the default column
}

TEST(Config, CarerErrorsNameTheLine) {
  const std::string c = std::string(kMinimal) + "\n[carers]\n";  // its first key on line 20
  Error e = load_error(c + "father = [\"dad\"]\nmother = [\"mum\", \" DAD\"]\n");
  EXPECT_NE(std::string(e.what()).find("'"
                                       " DAD' is also listed under father"),
            std::string::npos)
      << e.what();
  EXPECT_EQ(e.where().line, 21u);
  e = load_error(c + "\"male carer\" = [\"dad\"]\n");
  EXPECT_NE(std::string(e.what()).find("may only hold letters"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 20u);
  e = load_error(c + "father = \"dad\"\n");
  EXPECT_NE(std::string(e.what()).find("must list the values"), std::string::npos) << e.what();
  e = load_error(c + "father = [1]\n");
  EXPECT_NE(std::string(e.what()).find("must be a list of strings"), std::string::npos);
  e = load_error(c + "other = [\"aunt\"]\n");
  EXPECT_NE(std::string(e.what()).find("lists no kind of carer"), std::string::npos);
}

TEST(Config, ServicesAndLanguageGaps) {
  TempDir dir("cfgservices");
  const std::string base =
      std::string(kMinimal) + "\n[services]\npath = \"services.csv\"\nlanguage = \"medium\"\n";
  write_text(dir / "c.toml", base);
  const Config c = load_config(dir / "c.toml");
  ASSERT_TRUE(c.services);
  EXPECT_EQ(c.services->type.name, "type");
  EXPECT_EQ(c.services->language.name, "medium");
  EXPECT_TRUE(c.language_gaps.empty());
  // The demand a [registrations] groups column; the provision the language and bilingual.
  std::string with_group = base;
  with_group.replace(with_group.find("path = \"reg.csv\""), 16,
                     "path = \"reg.csv\"\ngroups = [\"welsh\"]");
  write_text(dir / "c.toml", with_group +
                                 "\n[[language_gap]]\nlanguage = \"CY\"\ndemand = "
                                 "\"welsh\"\nshare_below = 0.5\n");
  const Config g = load_config(dir / "c.toml");
  ASSERT_EQ(g.language_gaps.size(), 1u);
  EXPECT_EQ(g.language_gaps[0].language, "cy");
  EXPECT_EQ(g.language_gaps[0].provision, (std::vector<std::string>{"cy", "bilingual"}));
  EXPECT_EQ(g.language_gaps[0].min_demand, 10);
  EXPECT_EQ(g.language_gaps[0].share_below, 0.5);
}

TEST(Config, LanguageGapErrorsNameTheLine) {
  const std::string gap = "\n[[language_gap]]\nlanguage = \"cy\"\n";
  Error e = load_error(std::string(kMinimal) + gap + "demand = \"welsh\"\n");
  EXPECT_NE(std::string(e.what()).find("needs a [services] section"), std::string::npos)
      << e.what();
  const std::string services = std::string(kMinimal) + "\n[services]\npath = \"s.csv\"\n";
  e = load_error(services + gap + "demand = \"welsh\"\n");  // demand on line 24
  EXPECT_NE(std::string(e.what()).find("'welsh' is neither"), std::string::npos) << e.what();
  EXPECT_EQ(e.where().line, 24u);
  e = load_error(services + gap);
  EXPECT_NE(std::string(e.what()).find("demand: is required"), std::string::npos) << e.what();
  std::string grouped = services;
  grouped.replace(grouped.find("path = \"reg.csv\""), 16, "path = \"reg.csv\"\ngroups = [\"w\"]");
  e = load_error(grouped + gap + "demand = \"w\"\nshare_below = 2\n");
  EXPECT_NE(std::string(e.what()).find("share_below: must be above 0"), std::string::npos)
      << e.what();
  e = load_error(grouped + gap + "demand = \"w\"\n" + gap + "demand = \"w\"\n");
  EXPECT_NE(std::string(e.what()).find("has a [[language_gap]] already"), std::string::npos)
      << e.what();
}

TEST(Config, ALayerDissolvedFromAnEarlierOneReadsItsLookup) {
  TempDir dir("cfglocal");
  write_text(dir / "c.toml", std::string(kMinimal) + R"(
[[layers]]
name = "locality"
from = "lsoa"
lookup = "lk.csv"
id = "loc_cd"
label = "loc_nm"
)");
  const Config c = load_config(dir / "c.toml");
  ASSERT_EQ(c.layers.size(), 2u);
  EXPECT_EQ(c.layers[1].from, "lsoa");
  EXPECT_EQ(c.layers[1].display, "lk.csv");
  ASSERT_EQ(c.localities.size(), 1u);
  EXPECT_EQ(c.localities[0].small.name, "code");  // the lsoa layer's id field
  EXPECT_EQ(c.localities[0].id.name, "loc_cd");
  EXPECT_EQ(c.localities[0].label.name, "loc_nm");
}

TEST(Config, DissolvedLayerErrorsNameTheLine) {
  const std::string l = std::string(kMinimal) + "\n[[layers]]\nname = \"loc\"\n";  // line 20
  Error e = load_error(l + "from = \"ward\"\nlookup = \"lk.csv\"\nid = \"x\"\n");
  EXPECT_NE(std::string(e.what()).find("'ward' is not an earlier [[layers]] name"),
            std::string::npos)
      << e.what();
  EXPECT_EQ(e.where().line, 21u);
  e = load_error(l + "from = \"lsoa\"\nlookup = \"lk.csv\"\nid = \"x\"\npath = \"b.gpkg\"\n");
  EXPECT_NE(std::string(e.what()).find("has none of its own"), std::string::npos) << e.what();
  e = load_error(l + "from = \"lsoa\"\nid = \"x\"\n");
  EXPECT_NE(std::string(e.what()).find("lookup: is required"), std::string::npos) << e.what();
  e = load_error(l + "path = \"b.gpkg\"\nid = \"x\"\nlookup = \"lk.csv\"\n");
  EXPECT_NE(std::string(e.what()).find("belongs to a layer made with from"), std::string::npos)
      << e.what();
}

// [run] periods: a kind of period, or named ranges; rolling with a kind only; every error with
// its line.
TEST(Config, PeriodsAreAKindOrNamedRanges) {
  TempDir dir("cfgper");
  std::string text = kMinimal;
  text.replace(text.find("to = 2026-03-31"), 15, "to = 2026-03-31\nperiods = \"quarterly\"");
  write_text(dir / "c.toml", text);
  Config c = load_config(dir / "c.toml");
  EXPECT_EQ(c.run.periods.every, PeriodsOption::Every::kQuarter);
  EXPECT_FALSE(c.run.periods.rolling);
  text = kMinimal;
  text.replace(text.find("to = 2026-03-31"), 15,
               "to = 2026-03-31\nperiods = [{ name = \"Autumn term\", from = 2025-09-01, "
               "to = 2025-12-19 }, { name = \"Spring\", from = \"2026-01-05\", to = 2026-03-27 }]");
  write_text(dir / "c.toml", text);
  c = load_config(dir / "c.toml");
  ASSERT_EQ(c.run.periods.named.size(), 2u);
  EXPECT_EQ(c.run.periods.named[0].name, "Autumn term");
  EXPECT_EQ(c.run.periods.named[1].period.from, (Date{2026, 1, 5}));
  EXPECT_EQ(c.run.periods.named[1].period.to, (Date{2026, 3, 27}));
}

TEST(Config, BadPeriodsNameTheLineAndWhatToWrite) {
  const auto with = [](const std::string& lines) {
    std::string text = kMinimal;
    text.replace(text.find("to = 2026-03-31"), 15, "to = 2026-03-31\n" + lines);
    return load_error(text);
  };
  Error e = with("periods = \"weekly\"");
  EXPECT_EQ(e.where().line, 4u);
  EXPECT_NE(std::string(e.what()).find("'weekly' is not a kind of period"), std::string::npos);
  EXPECT_NE(e.hint().find("quarterly"), std::string::npos);
  e = with("rolling = true");
  EXPECT_EQ(e.where().line, 4u);
  EXPECT_NE(std::string(e.what()).find("rolling: needs periods"), std::string::npos);
  e = with("periods = [{ name = \"Q\", from = 2025-04-01, to = 2026-04-30 }]");
  EXPECT_NE(std::string(e.what()).find("ends after the run's last day (2026-03-31)"),
            std::string::npos);
  e = with(
      "periods = [{ name = \"Q\", from = 2025-04-01, to = 2025-06-30 },\n"
      "  { name = \"Q\", from = 2025-07-01, to = 2025-09-30 }]");
  EXPECT_EQ(e.where().line, 5u);
  EXPECT_NE(std::string(e.what()).find("'Q' is given twice"), std::string::npos);
  e = with("periods = [{ name = \"Q\", from = 2025-07-01, to = 2025-06-30 }]");
  EXPECT_NE(std::string(e.what()).find("ends before it starts"), std::string::npos);
  e = with("periods = [{ name = \"Q\", from = 2025-07-01 }]");
  EXPECT_NE(std::string(e.what()).find("a range needs 'to'"), std::string::npos);
  e = with("periods = [{ name = \"Q\", form = 2025-07-01, to = 2025-09-30 }]");
  EXPECT_NE(std::string(e.what()).find("unknown key 'form'"), std::string::npos);
  e = with("periods = [{ name = \"Q\", from = 2025-07-01, to = 2025-09-30 }]\nrolling = true");
  EXPECT_EQ(e.where().line, 5u);
}

TEST(Config, MorePeriodsThanAllowedIsAnError) {
  std::string text = kMinimal;
  text.replace(text.find("from = 2025-04-01"), 17, "from = 2019-04-01");
  text.replace(text.find("to = 2026-03-31"), 15, "to = 2026-03-31\nperiods = \"monthly\"");
  const Error e = load_error(text);
  EXPECT_NE(std::string(e.what()).find("makes 84 periods, more than 60"), std::string::npos);
}
