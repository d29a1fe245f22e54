#include "engine/io/xlsx_writer.hpp"

#include <dlfcn.h>
#include <minizip/zip.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cmath>
#include <ctime>

#include <filesystem>

#include "engine/core/error.hpp"
#include "engine/io/atomic_file.hpp"

namespace reachmap {

namespace {

[[noreturn]] void fail(const std::string& target, lxw_error e) {
  throw Error(ErrorCode::kOutput, std::string("cannot write the workbook: ") + lxw_strerror(e),
              {target}, "check that the output folder is writable and has space");
}

std::string sheet_name(std::string name) {
  for (char& c : name)
    if (std::string("[]:*?/\\").find(c) != std::string::npos) c = '_';
  return name.substr(0, 31);
}

bool is_proportion(const TableColumn& c) {
  return c.kind == ColumnKind::kRate &&
         (c.formula == Formula::kProportion || c.formula == Formula::kWilsonLow ||
          c.formula == Formula::kWilsonHigh);
}

// Seconds since the epoch of a YYYY-MM-DD date at midnight UTC.
std::time_t epoch_of(const std::string& date) {
  std::tm t{};
  if (std::sscanf(date.c_str(), "%d-%d-%d", &t.tm_year, &t.tm_mon, &t.tm_mday) != 3) return 1;
  t.tm_year -= 1900;
  t.tm_mon -= 1;
  return timegm(&t);
}

struct Formats {
  lxw_format *header, *percent, *whole, *decimal, *text, *hidden, *wrap;
  explicit Formats(lxw_workbook* wb) {
    header = workbook_add_format(wb);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xEEEEEE);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    percent = workbook_add_format(wb);
    format_set_num_format(percent, "0.0%");
    whole = workbook_add_format(wb);
    format_set_num_format(whole, "0");
    decimal = workbook_add_format(wb);
    format_set_num_format(decimal, "0.000");
    text = workbook_add_format(wb);
    // A hidden count: its band in grey italics on a hatched grey background.
    hidden = workbook_add_format(wb);
    format_set_pattern(hidden, LXW_PATTERN_LIGHT_UP);
    format_set_fg_color(hidden, 0xBBBBBB);
    format_set_font_color(hidden, 0x555555);
    format_set_italic(hidden);
    format_set_align(hidden, LXW_ALIGN_RIGHT);
    wrap = workbook_add_format(wb);
    format_set_text_wrap(wrap);
  }
};

void write_sheet(lxw_workbook* wb, const Formats& f, const XlsxSheet& s) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name(s.name).c_str());
  const Table& t = *s.table;
  const int flag = t.column(Col::kSuppressed);
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    const std::string& name = t.columns[c].name;
    worksheet_write_string(ws, 0, lxw_col_t(c), name.c_str(), f.header);
    const double width = std::clamp(static_cast<double>(name.size()) * 0.75, 9.0, 22.0);
    worksheet_set_column(ws, lxw_col_t(c), lxw_col_t(c), c == 1 ? 28 : width, nullptr);
  }
  worksheet_set_row(ws, 0, 45, nullptr);
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    const lxw_row_t xr = lxw_row_t(r + 1);
    const bool suppressed = flag >= 0 && std::holds_alternative<bool>(row[std::size_t(flag)]) &&
                            std::get<bool>(row[std::size_t(flag)]);
    for (std::size_t c = 0; c < row.size(); ++c) {
      const TableColumn& col = t.columns[c];
      const lxw_col_t xc = lxw_col_t(c);
      const Cell& cell = row[c];
      if (const auto* s = std::get_if<std::string>(&cell)) {
        worksheet_write_string(ws, xr, xc, s->c_str(), nullptr);  // text, never a formula
      } else if (const auto* d = std::get_if<double>(&cell)) {
        lxw_format* fmt = is_proportion(col)                                            ? f.percent
                          : std::floor(*d) == *d && col.kind == ColumnKind::kPopulation ? f.whole
                                                                                        : f.decimal;
        worksheet_write_number(ws, xr, xc, *d, fmt);
      } else if (const auto* n = std::get_if<std::int64_t>(&cell)) {
        worksheet_write_number(ws, xr, xc, static_cast<double>(*n), f.whole);
      } else if (const auto* b = std::get_if<bool>(&cell)) {
        worksheet_write_boolean(ws, xr, xc, *b, nullptr);
      } else if (suppressed && (is_count_kind(col.kind) || col.kind == ColumnKind::kRate ||
                                col.kind == ColumnKind::kStatistic)) {
        // Hidden by disclosure control: hatched, with the band a count lies in.
        const int band = t.column(band_of(col.name));
        const auto* text = band >= 0 ? std::get_if<std::string>(&row[std::size_t(band)]) : nullptr;
        worksheet_write_string(ws, xr, xc, text ? text->c_str() : "hidden", f.hidden);
      }
    }
  }
  worksheet_freeze_panes(ws, 1, std::min<lxw_col_t>(2, lxw_col_t(t.columns.size())));
  if (!t.columns.empty())
    worksheet_autofilter(ws, 0, 0, lxw_row_t(t.rows.size()), lxw_col_t(t.columns.size() - 1));
}

}  // namespace

void write_tables_xlsx(const std::string& target, const std::vector<XlsxSheet>& sheets,
                       const std::vector<std::string>& about, const std::string& created) {
  const std::string temporary = create_temporary_for(target);
  // libxlsxwriter keeps sheet data in temporary files (tmpfile() in /tmp by default): keep them
  // in a folder of ours beside the target, so a run writes nothing outside its folder.
  const TemporaryFolder scratch(std::filesystem::path(target).parent_path().string(), "xlsx");
  lxw_workbook_options options{};
  std::string tmpdir = scratch.path();
  options.tmpdir = tmpdir.data();
  // Each row goes to the sheet's file as the next begins (rows are written in order): a national
  // layer's two million cells held in memory took 200 MB, and a run writes the workbook beside
  // its maps.
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(temporary.c_str(), &options);
  if (!wb) fail(target, LXW_ERROR_CREATING_XLSX_FILE);
  lxw_doc_properties props{};
  static char title[] = "reachmap tables";  // libxlsxwriter 1.1 takes char*
  props.title = title;
  props.created = epoch_of(created);
  workbook_set_properties(wb, &props);
  const Formats f(wb);
  lxw_worksheet* first = workbook_add_worksheet(wb, "About");
  worksheet_set_column(first, 0, 0, 110, nullptr);
  for (std::size_t i = 0; i < about.size(); ++i)
    worksheet_write_string(first, lxw_row_t(i), 0, about[i].c_str(), i == 0 ? f.header : f.wrap);
  for (const auto& s : sheets) write_sheet(wb, f, s);
  if (const lxw_error e = workbook_close(wb); e != LXW_NO_ERROR) {
    std::remove(temporary.c_str());
    fail(target, e);
  }
  commit_file(temporary, target);
}

}  // namespace reachmap

// The workbook's deflate level. libxlsxwriter compresses every part of tables.xlsx at zlib's
// default level (6) and has no setting for it; nationally that was 0.76 CPU s (54 MB of XML
// to 7.1 MB), the last 0.4-0.6 s of it a wait at the end of the run ("write tables"). It opens
// each part through minizip's zipOpenNewFileInZip4_64, which this definition stands in front
// of (the executable's symbol comes first for a shared library's call): it asks minizip for
// level 2 (0.27 s, 9.2 MB), everything else as given. The workbook holds the same cells and is
// the same bytes from run to run. A libxlsxwriter that opens its parts another way simply
// keeps its level.
constexpr int kXlsxDeflateLevel = 2;  // as fast as 1, 6% smaller

extern "C" int zipOpenNewFileInZip4_64(zipFile file, const char* filename,
                                       const zip_fileinfo* zipfi, const void* extrafield_local,
                                       uInt size_extrafield_local, const void* extrafield_global,
                                       uInt size_extrafield_global, const char* comment, int method,
                                       int level, int raw, int windowBits, int memLevel,
                                       int strategy, const char* password, uLong crcForCrypting,
                                       uLong versionMadeBy, uLong flagBase, int zip64) {
  using Open =
      int (*)(zipFile, const char*, const zip_fileinfo*, const void*, uInt, const void*, uInt,
              const char*, int, int, int, int, int, int, const char*, uLong, uLong, uLong, int);
  static const Open minizip = reinterpret_cast<Open>(::dlsym(RTLD_NEXT, "zipOpenNewFileInZip4_64"));
  if (!minizip) return ZIP_INTERNALERROR;
  return minizip(file, filename, zipfi, extrafield_local, size_extrafield_local, extrafield_global,
                 size_extrafield_global, comment, method,
                 method == Z_DEFLATED && level != 0 ? kXlsxDeflateLevel : level, raw, windowBits,
                 memLevel, strategy, password, crcForCrypting, versionMadeBy, flagBase, zip64);
}
