// [services] (what each service is: its type and language) and [[language_gap]] (where a
// language's demand meets little provision in it).
#include <toml++/toml.h>

#include <algorithm>
#include <set>

#include "engine/config/config.hpp"
#include "engine/config/detail/config_readers.hpp"
#include "engine/config/detail/config_section.hpp"
#include "engine/core/error.hpp"
#include "engine/measure/services.hpp"

namespace reachmap::detail {

void read_services(const Source& in, Config& cfg) {
  if (in.root.get("services")) {
    Section s(table_at(in.root, "services", in.path), "services", in.path);
    ServicesSource src;
    s.csv(in.base, src);
    src.service_id = s.column("service_id", "service_id");
    src.name = s.column("name", "name");
    src.type = s.column("type", "type");
    src.language = s.column("language", "language");
    cfg.services = std::move(src);
  }
  const toml::node* n = in.root.get("language_gap");
  if (!n) return;
  const toml::array* arr = n->as_array();
  if (!arr || !arr->is_array_of_tables())
    throw Error(ErrorCode::kBadConfig, "[language_gap] must be written [[language_gap]]",
                {in.path, line_of(*n)}, "one [[language_gap]] section per language");
  if (!cfg.services)
    throw Error(ErrorCode::kBadConfig, "[[language_gap]] needs a [services] section",
                {in.path, line_of(*n)},
                "the provision is the contacts at services run in the language: add [services] "
                "path = \"services.csv\" with a language column (see the README)");
  std::set<std::string> languages;
  for (const auto& item : *arr) {
    Section s(*item.as_table(), "language_gap", in.path);
    LanguageGapRule r;
    r.line = line_of(item);
    const std::string written =
        s.required_string("language", "the language's code as services.csv writes it, e.g. \"cy\"");
    r.language = column_name_of(written);
    if (r.language.empty())
      s.fail("language", "must hold a letter or digit", "e.g. language = \"cy\"");
    if (!languages.insert(r.language).second)
      s.fail("language", "'" + written + "' has a [[language_gap]] already",
             "one [[language_gap]] per language");
    if (const std::string clash = language_column_clash(r.language); !clash.empty())
      s.fail("language",
             "would make a column '" + clash +
                 "', which reachmap writes for "
                 "something else",
             "write the code services.csv uses for the language");
    r.provision = {r.language};
    const std::vector<std::string> also =
        s.node("provision") ? s.strings("provision") : std::vector<std::string>{"bilingual"};
    for (const std::string& p : also)
      if (const std::string c = column_name_of(p);
          !c.empty() && std::find(r.provision.begin(), r.provision.end(), c) == r.provision.end())
        r.provision.push_back(c);
    r.demand = s.required_string("demand",
                                 "name the target group whose families want the language: a "
                                 "[[group_population]] name, or a [registrations] groups column");
    const auto& flagged = cfg.registrations.groups;
    const bool has_population =
        std::any_of(cfg.group_populations.begin(), cfg.group_populations.end(),
                    [&](const GroupPopulationSource& g) { return g.name == r.demand; });
    if (!has_population && std::find(flagged.begin(), flagged.end(), r.demand) == flagged.end())
      s.fail("demand",
             "'" + r.demand +
                 "' is neither a [[group_population]] name nor a "
                 "[registrations] groups column",
             "add [[group_population]] name = \"" + r.demand + "\" with its count per area");
    r.min_demand = s.number("min_demand").value_or(r.min_demand);
    if (!(r.min_demand >= 1))
      s.fail("min_demand", "must be 1 or more",
             "e.g. min_demand = 10: smaller areas are not flagged");
    r.share_below = s.number("share_below").value_or(r.share_below);
    if (!(r.share_below > 0 && r.share_below <= 1))
      s.fail("share_below", "must be above 0 and at most 1",
             "e.g. share_below = 0.25: flagged where under a quarter of the demand was seen");
    cfg.language_gaps.push_back(std::move(r));
  }
}

}  // namespace reachmap::detail
