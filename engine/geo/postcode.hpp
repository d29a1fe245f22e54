// UK postcode normalisation and validation.
#pragma once

#include <string>
#include <string_view>

namespace reachmap {

enum class PostcodeStatus { kOk, kMissing, kMalformed };

struct NormalisedPostcode {
  PostcodeStatus status = PostcodeStatus::kMissing;
  std::string value;  // "B15 2TT" when ok
};

// Removes all whitespace, upper-cases, inserts one space before the last three characters, and
// checks the shape ^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$.
NormalisedPostcode normalise_postcode(std::string_view raw);

}  // namespace reachmap
