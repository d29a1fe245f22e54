// The row loop of for_each_row (csv_rows.hpp) on every thread at once, for files of tens of
// millions of rows: the file is mapped and cut at line ends into chunks, each read by a reader
// of its own with the file's header, columns and guards, and each chunk's rows handed to `use`
// with that chunk's state and log. The logs are replayed into the accounting in file order,
// so the manifest, the rejects and the first error are those of one reader going row by row.
//
// A file with a quote (a field may hold a line break, so a line end may not end a row) or a
// lone CR (an old Mac line end) is read as one chunk, its rows split ahead on a second thread.
#pragma once

#include <algorithm>
#include <cstring>
#include <exception>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/core/error.hpp"
#include "engine/core/parallel.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/csv_rows.hpp"
#include "engine/io/mapped_file.hpp"

namespace reachmap {

// What one chunk's rows did to its file's account, in row order.
class RowLog {
 public:
  void reject(std::size_t line, const char* reason, std::string value) {
    rejects_.push_back({line, reason, std::move(value)});
  }
  void exclude(const char* rule, std::size_t rows = 1) {
    for (auto& [r, n] : excluded_)
      if (r == rule) {
        n += rows;
        return;
      }
    excluded_.emplace_back(rule, rows);
  }
  std::size_t rows = 0, used = 0;

  void replay(Accounting& accounting, const std::string& file) {
    FileAccount& account = accounting.file(file);
    account.rows += rows;
    account.used += used;
    for (auto& r : rejects_) accounting.reject(file, r.line, r.reason, std::move(r.value));
    for (const auto& [rule, n] : excluded_) accounting.exclude(file, rule, n);
  }

 private:
  struct Rejected {
    std::size_t line;
    std::string reason;
    std::string value;
  };
  std::vector<Rejected> rejects_;
  std::vector<std::pair<const char*, std::size_t>> excluded_;
};

namespace detail {

// Chunks of about `target` bytes of `file`'s [begin, end), each starting at a line's start,
// with the line ends in each; empty when a line end there may not end a row (a quote or a
// lone CR anywhere). Checked in parallel, each chunk's pages given back once read.
struct Chunks {
  std::vector<const char*> starts;  // and `end` last
  std::vector<std::size_t> line_ends;
};
inline Chunks chunks_of(const MappedFile& file, const char* begin, const char* end,
                        std::size_t target, int threads) {
  const std::size_t size = static_cast<std::size_t>(end - begin);
  const std::size_t n = std::max<std::size_t>(1, size / std::max<std::size_t>(1, target));
  Chunks out;
  out.starts.push_back(begin);
  for (std::size_t i = 1; i < n; ++i) {
    const char* at = begin + size * i / n;
    const auto* nl = static_cast<const char*>(std::memchr(at, '\n', std::size_t(end - at)));
    if (!nl) break;
    if (nl + 1 > out.starts.back() && nl + 1 < end) out.starts.push_back(nl + 1);
  }
  out.starts.push_back(end);
  const std::size_t chunks = out.starts.size() - 1;
  out.line_ends.assign(chunks, 0);
  std::vector<char> plain(chunks, 1);
  std::vector<std::function<void()>> jobs;
  for (std::size_t c = 0; c < chunks; ++c)
    jobs.push_back([&, c] {
      const char* from = out.starts[c];
      const char* to = out.starts[c + 1];
      if (std::memchr(from, '"', std::size_t(to - from))) plain[c] = 0;
      for (const char* cr = from; plain[c] && cr < to; ++cr) {
        cr = static_cast<const char*>(std::memchr(cr, '\r', std::size_t(to - cr)));
        if (!cr) break;
        if (cr + 1 >= end || cr[1] != '\n') plain[c] = 0;  // a lone CR
      }
      out.line_ends[c] = static_cast<std::size_t>(std::count(from, to, '\n'));
      file.release(from, to);
    });
  run_jobs(jobs, threads);
  if (std::find(plain.begin(), plain.end(), 0) != plain.end()) return {};
  return out;
}

}  // namespace detail

// Reads the rest of `csv` (whose header was read): counts every row, rejects one of the wrong
// field count as for_each_row does, and calls `use(row, states[chunk], log)` with each other
// row; `use` logs what it does with the row (used, excluded, rejected) in `log`. `states` is
// resized to the number of chunks, in file order: merge them in that order. One thread: one
// chunk, read as for_each_row reads. Chunks of about `chunk_bytes` (tests make them small).
inline constexpr std::size_t kChunkBytes = 16 << 20;  // enough chunks to even out the threads
template <class State, class Use>
FileAccount& for_each_row_in_chunks(CsvReader& csv, Accounting& accounting, int threads,
                                    std::vector<State>& states, Use&& use,
                                    std::size_t chunk_bytes = kChunkBytes) {
  const std::string& file = csv.display();
  const auto each_row = [&](const CsvReader& reader, const CsvRow& row, State& state, RowLog& log) {
    ++log.rows;
    if (auto problem = reader.field_count_problem(row); !problem.empty()) {
      log.reject(row.line, kWrongFieldCount, std::move(problem));
      return;
    }
    use(row, state, log);
  };
  std::optional<MappedFile> mapped;
  if (threads > 1) {
    try {
      mapped.emplace(csv.source().path);
    } catch (const Error&) {  // not a file that maps (a pipe): read as one chunk
    }
  }
  detail::Chunks cut;
  if (mapped && mapped->size() > 0) {
    cut = detail::chunks_of(*mapped, mapped->data() + std::min(csv.offset(), mapped->size()),
                            mapped->data() + mapped->size(), chunk_bytes, threads);
  }
  // A state may make room for a chunk's rows up front: state.reserve_for(bytes).
  const auto reserve = [](State& state, std::size_t bytes) {
    if constexpr (requires { state.reserve_for(bytes); }) state.reserve_for(bytes);
  };
  if (cut.starts.size() < 3) {  // one chunk: this reader, rows split ahead on a second thread
    states = std::vector<State>(1);
    if (mapped) reserve(states[0], mapped->size() - std::min(csv.offset(), mapped->size()));
    RowLog log;
    try {
      for_each_raw_row_split_ahead(csv, threads,
                                   [&](const CsvRow& row) { each_row(csv, row, states[0], log); });
    } catch (...) {
      log.replay(accounting, file);
      throw;
    }
    log.replay(accounting, file);
    return accounting.file(file);
  }
  const auto& starts = cut.starts;
  const std::size_t chunks = starts.size() - 1;
  states = std::vector<State>(chunks);
  std::vector<RowLog> logs(chunks);
  std::vector<std::exception_ptr> failed(chunks);
  std::vector<std::function<void()>> jobs;
  for (std::size_t c = 0, line = csv.line(); c < chunks; line += cut.line_ends[c++])
    jobs.push_back([&, c, line] {
      try {
        CsvReader reader(csv, starts[c], starts[c + 1], line);
        reserve(states[c], std::size_t(starts[c + 1] - starts[c]));
        CsvRow row;
        while (reader.next(row)) each_row(reader, row, states[c], logs[c]);
      } catch (...) {
        failed[c] = std::current_exception();
      }
      mapped->release(starts[c], starts[c + 1]);
    });
  run_jobs(jobs, threads);
  // In file order, as one reader would: every row before the first error is accounted for.
  for (std::size_t c = 0; c < chunks; ++c) {
    logs[c].replay(accounting, file);
    if (failed[c]) std::rethrow_exception(failed[c]);
  }
  return accounting.file(file);
}

}  // namespace reachmap
