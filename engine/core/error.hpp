// One exception type for every failure a user can meet: a code (mapped to an exit code by the
// CLI), a message, where in the input it happened, and what to do about it.
#pragma once

#include <array>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace reachmap {

enum class ErrorCode : std::uint8_t {
  kBadConfig,        // the config file is wrong (unknown key, bad value, missing section)
  kUnreadableInput,  // an input file is missing, unreadable or lacks a required column
  kBadInput,         // an input file is structurally broken (e.g. an unterminated quote)
  kNothingUsable,    // after rejecting bad rows nothing is left to compute with
  kThreshold,        // a limit from the config was crossed (e.g. max_rejected_share)
  kOutput,           // an output could not be written
  kInternal,         // a bug: please report it
  kCount
};

struct ErrorInfo {
  ErrorCode code;
  std::string_view name;
  int exit_code;
};

// Descriptions are checked at compile time: one entry per code, in enum order.
inline constexpr std::array<ErrorInfo, static_cast<std::size_t>(ErrorCode::kCount)> kErrorInfo{{
    {ErrorCode::kBadConfig, "bad config", 3},
    {ErrorCode::kUnreadableInput, "unreadable input", 4},
    {ErrorCode::kBadInput, "bad input", 4},
    {ErrorCode::kNothingUsable, "nothing usable left", 5},
    {ErrorCode::kThreshold, "threshold crossed", 6},
    {ErrorCode::kOutput, "cannot write output", 7},
    {ErrorCode::kInternal, "internal error", 70},
}};

constexpr bool error_info_in_order() {
  for (std::size_t i = 0; i < kErrorInfo.size(); ++i)
    if (static_cast<std::size_t>(kErrorInfo[i].code) != i || kErrorInfo[i].name.empty())
      return false;
  return true;
}
static_assert(error_info_in_order(), "kErrorInfo must list every ErrorCode in order");

constexpr const ErrorInfo& error_info(ErrorCode code) {
  return kErrorInfo[static_cast<std::size_t>(code)];
}

// Where in the input something happened; any part may be empty / 0.
struct Location {
  Location(std::string file_ = {}, std::size_t line_ = 0, std::string column_ = {})
      : file(std::move(file_)), line(line_), column(std::move(column_)) {}
  std::string file;
  std::size_t line = 0;
  std::string column;
  std::string to_string() const;  // "file:line: column 'x'"
};

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, std::string message, Location where = {}, std::string hint = {});

  ErrorCode code() const { return code_; }
  const std::string& message() const { return message_; }
  const Location& where() const { return where_; }
  const std::string& hint() const { return hint_; }
  int exit_code() const { return error_info(code_).exit_code; }

 private:
  ErrorCode code_;
  std::string message_;
  Location where_;
  std::string hint_;
};

}  // namespace reachmap
