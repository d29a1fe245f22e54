// The row loop of for_each_row (csv_rows.hpp) on every thread at once, for files of tens of
// millions of rows: the file is mapped and cut at line ends into chunks, each read by a reader
// of its own with the file's header, columns and guards, and each chunk's rows handed to `use`
// with that chunk's state and log. The logs are replayed into the accounting in file order,
// so the manifest, the rejects and the first error are those of one reader going row by row.
//
// A file with a quote (a field may hold a line break, so a line end may not end a row) or a
// lone CR (an old Mac line end) is read as one chunk, its rows split ahead on a second thread;
// each chunk is checked as its job starts, so the chunks read before one is found not plain
// are read in vain.
#pragma once

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "engine/core/accounting.hpp"
#include "engine/core/error.hpp"
#include "engine/core/parallel.hpp"
#include "engine/io/csv_reader.hpp"
#include "engine/io/csv_rows.hpp"
#include "engine/io/mapped_file.hpp"

namespace reachmap {

// What one chunk's rows did to its file's account, in row order. Cache-line aligned (as each
// chunk's state must be): two threads read neighbouring chunks, and each writes its log and
// state every row.
class alignas(kNoFalseSharing) RowLog {
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

// Starts of chunks of about `target` bytes of [begin, end), each at a line's start, and `end`
// last. Found from the file's bytes near each cut, so nearly nothing is read here.
inline std::vector<const char*> chunk_starts(const char* begin, const char* end,
                                             std::size_t target) {
  const std::size_t size = static_cast<std::size_t>(end - begin);
  const std::size_t n = std::max<std::size_t>(1, size / std::max<std::size_t>(1, target));
  std::vector<const char*> starts = {begin};
  for (std::size_t i = 1; i < n; ++i) {
    const char* at = begin + size * i / n;
    const auto* nl = static_cast<const char*>(std::memchr(at, '\n', std::size_t(end - at)));
    if (!nl) break;
    if (nl + 1 > starts.back() && nl + 1 < end) starts.push_back(nl + 1);
  }
  starts.push_back(end);
  return starts;
}

// A chunk's line ends, and whether every line end in it ends a row: not when it holds a quote
// (a quoted field may hold a line break) or a lone CR (an old Mac line end). Sixteen bytes at a
// time with SSE2 (every x86-64 has it): each line end adds one to its byte lane, summed every
// 255 blocks, before a lane could wrap. A CR counts as lone unless the next byte is a LF.
struct ChunkScan {
  std::size_t line_ends = 0;
  bool plain = true;
};
inline ChunkScan scan_chunk(const char* from, const char* to, const char* end) {
  ChunkScan out;
  const char* p = from;
#if defined(__SSE2__)
  const __m128i lf = _mm_set1_epi8('\n'), quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
  // A block is read with the byte after it (the LF a CR wants): 17 bytes must be there.
  while (out.plain && to - p >= 16 && end - p >= 17) {
    const std::size_t blocks =
        std::min<std::size_t>({255, std::size_t(to - p) / 16, std::size_t(end - p - 1) / 16});
    __m128i lanes = _mm_setzero_si128(), odd = _mm_setzero_si128();
    for (const char* stop = p + 16 * blocks; p < stop; p += 16) {
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
      const __m128i next = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 1));
      lanes = _mm_sub_epi8(lanes, _mm_cmpeq_epi8(v, lf));  // a match is all ones: -1
      const __m128i lone_cr = _mm_andnot_si128(_mm_cmpeq_epi8(next, lf), _mm_cmpeq_epi8(v, cr));
      odd = _mm_or_si128(odd, _mm_or_si128(_mm_cmpeq_epi8(v, quote), lone_cr));
    }
    const __m128i sums = _mm_sad_epu8(lanes, _mm_setzero_si128());
    out.line_ends += std::size_t(_mm_cvtsi128_si64(sums)) +
                     std::size_t(_mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums)));
    if (_mm_movemask_epi8(odd) != 0) out.plain = false;
  }
#endif
  for (; p < to && out.plain; ++p) {
    if (*p == '\n') ++out.line_ends;
    if (*p == '"' || (*p == '\r' && (p + 1 >= end || p[1] != '\n'))) out.plain = false;
  }
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
  static_assert(alignof(State) >= kNoFalseSharing,
                "a chunk's state is written every row by its thread, beside its neighbours' "
                "states: declare it alignas(kNoFalseSharing)");
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
  // A state may make room for a chunk's rows up front: state.reserve_for(bytes, lines), its
  // lines counted (at least its rows), or 0 when they are not.
  const auto reserve = [](State& state, std::size_t bytes, std::size_t lines) {
    if constexpr (requires { state.reserve_for(bytes, lines); }) state.reserve_for(bytes, lines);
  };
  // One chunk: this reader, rows split ahead on a second thread.
  const auto as_one_chunk = [&]() -> FileAccount& {
    states = std::vector<State>(1);
    if (mapped) reserve(states[0], mapped->size() - std::min(csv.offset(), mapped->size()), 0);
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
  };
  if (!mapped || mapped->size() == 0) return as_one_chunk();
  const char* const end = mapped->data() + mapped->size();
  const std::vector<const char*> starts = detail::chunk_starts(
      mapped->data() + std::min(csv.offset(), mapped->size()), end, chunk_bytes);
  if (starts.size() < 3) return as_one_chunk();
  // Each job first counts its chunk's lines and checks that its line ends end rows, then reads
  // its rows once the lines before it are known: the file's pages are mapped in once, by the
  // job that reads them, and given back after. A state that keeps no view of a chunk's text
  // past its chunk (State::keeps_no_text(): the attendance's) has its chunk copied into a buffer
  // instead, one a thread at a time and used again, which costs a third of mapping the pages
  // (MappedFile::copy). When a chunk is not plain, the whole file is read again as one chunk.
  constexpr bool kCopied = requires {
    requires State::keeps_no_text();
  };
  std::vector<std::unique_ptr<char[]>> free_buffers;  // each room for a chunk and a byte more
  std::size_t buffer_bytes = 0;
  for (std::size_t c = 0; kCopied && c + 1 < starts.size(); ++c)
    buffer_bytes = std::max(buffer_bytes, std::size_t(starts[c + 1] - starts[c]) + 1);
  const std::size_t chunks = starts.size() - 1;
  states = std::vector<State>(chunks);
  std::vector<RowLog> logs(chunks);
  std::vector<std::exception_ptr> failed(chunks);
  std::mutex m;
  std::condition_variable counted;
  std::vector<std::size_t> line_ends(chunks, 0);
  std::vector<char> known(chunks, 0);
  bool plain = true;
  std::vector<std::function<void()>> jobs;
  for (std::size_t c = 0; c < chunks; ++c)
    jobs.push_back([&, c] {
      // The chunk's bytes, and the byte after them that a CR at its end wants.
      const char *from = starts[c], *to = starts[c + 1], *after = std::min(end, to + 1);
      std::unique_ptr<char[]> buffer;
      if constexpr (kCopied) {
        {
          std::lock_guard<std::mutex> lock(m);
          if (!free_buffers.empty())
            buffer = std::move(free_buffers.back()), free_buffers.pop_back();
        }
        if (!buffer) buffer.reset(new char[buffer_bytes]);
        try {
          mapped->copy(from, after, buffer.get());
          after = buffer.get() + (after - from), to = buffer.get() + (to - from);
        } catch (...) {
          failed[c] = std::current_exception();
          after = to = buffer.get();  // nothing read: the error is raised in its turn
        }
        from = buffer.get();
      } else {
        mapped->populate(from, to);
      }
      const detail::ChunkScan scan = detail::scan_chunk(from, to, after);
      std::size_t line = csv.line();
      bool read = false;
      {
        // Jobs start in chunk order, so the chunks before this one are read or being read.
        std::unique_lock<std::mutex> lock(m);
        line_ends[c] = scan.line_ends;
        known[c] = 1;
        plain = plain && scan.plain;
        counted.notify_all();
        counted.wait(lock, [&] {
          return !plain ||
                 std::all_of(known.begin(), known.begin() + long(c), [](char k) { return k != 0; });
        });
        for (std::size_t i = 0; i < c; ++i) line += line_ends[i];
        read = plain;
      }
      if (read && !failed[c]) {
        try {
          CsvReader reader(csv, from, to, line);
          reserve(states[c], std::size_t(to - from), scan.line_ends + 1);
          CsvRow row;
          while (reader.next(row)) each_row(reader, row, states[c], logs[c]);
        } catch (...) {
          failed[c] = std::current_exception();
        }
      }
      if constexpr (kCopied) {
        std::lock_guard<std::mutex> lock(m);
        free_buffers.push_back(std::move(buffer));
      } else {
        mapped->release(starts[c], starts[c + 1]);
      }
    });
  run_jobs(jobs, threads);
  if (!plain) return as_one_chunk();
  // In file order, as one reader would: every row before the first error is accounted for.
  for (std::size_t c = 0; c < chunks; ++c) {
    logs[c].replay(accounting, file);
    if (failed[c]) std::rethrow_exception(failed[c]);
  }
  return accounting.file(file);
}

}  // namespace reachmap
