// The attendance file's section as a config with the default column names gives it, for tests
// that read a small attendance CSV (display name "att.csv").
#pragma once

#include <string>

#include "engine/measure/attendance.hpp"

namespace reachmap::testsupport {

// `carer_named`: as when the config names [attendance] carer (the column is then required).
inline AttendanceSource attendance_section(const std::string& path, bool carer_named = false) {
  AttendanceSource s;
  s.path = path;
  s.display = "att.csv";
  s.personal = true;
  s.child_id = {"child_id", false, "[attendance] child_id"};
  s.date = {"date", false, "[attendance] date"};
  s.centre_id = {"centre_id", false, "[attendance] centre_id"};
  s.service = {"service", false, "[attendance] service"};
  s.carer = {"carer", carer_named, "[attendance] carer"};
  return s;
}

}  // namespace reachmap::testsupport
