#include "engine/core/error.hpp"

namespace reachmap {

std::string Location::to_string() const {
  std::string s = file;
  if (line > 0) s += ":" + std::to_string(line);
  if (!column.empty()) s += (s.empty() ? "" : ": ") + std::string("column '") + column + "'";
  return s;
}

namespace {
std::string compose(const std::string& message, const Location& where, const std::string& hint) {
  std::string where_text = where.to_string();
  std::string s = where_text.empty() ? message : where_text + ": " + message;
  if (!hint.empty()) s += "\n  hint: " + hint;
  return s;
}
}  // namespace

Error::Error(ErrorCode code, std::string message, Location where, std::string hint)
    : std::runtime_error(compose(message, where, hint)),
      code_(code),
      message_(std::move(message)),
      where_(std::move(where)),
      hint_(std::move(hint)) {}

}  // namespace reachmap
