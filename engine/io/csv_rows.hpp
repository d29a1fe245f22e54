// The row loop every CSV loader shares: each data row counted in its file's account, a row of
// the wrong shape rejected, the others handed to the loader. One place, so that every input's
// rows add up the same way in the manifest.
#pragma once

#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "engine/core/accounting.hpp"
#include "engine/io/csv_reader.hpp"

namespace reachmap {

inline constexpr const char* kWrongFieldCount = "wrong field count";

// Reads the rest of `csv`: counts every row in the account of csv.display(), rejects one whose
// field count differs from the header's (its reason "wrong field count", its value the counts)
// and calls `use(row, account)` with each other row; `use` uses, excludes or rejects it. Returns
// the account. A template, not std::function: attendance files run to tens of millions of rows.
template <class Use>
FileAccount& for_each_row(CsvReader& csv, Accounting& accounting, Use&& use) {
  const std::string& file = csv.display();
  FileAccount& account = accounting.file(file);
  CsvRow row;
  while (csv.next(row)) {
    ++account.rows;
    if (auto problem = csv.field_count_problem(row); !problem.empty()) {
      accounting.reject(file, row.line, kWrongFieldCount, std::move(problem));
      continue;
    }
    use(static_cast<const CsvRow&>(row), account);
  }
  return account;
}

// Batches of rows handed from the thread that splits them to the thread that uses them, in
// file order. Rows are reused batch after batch, so their buffers are allocated once.
class RowHandover {
 public:
  static constexpr std::size_t kRowsPerBatch = 4096, kBatches = 4;
  struct Batch {
    std::vector<CsvRow> rows = std::vector<CsvRow>(kRowsPerBatch);
    std::size_t count = 0;
  };
  RowHandover();
  // Splitter side: an empty batch to fill (nullptr once the user has stopped), then the
  // filled one; `last` when the file ends it. An error ends it too: the rows read before it
  // and the error are handed over together, so the user cannot see the end without it.
  Batch* empty();
  void filled(Batch* b, bool last);
  void failed(Batch* b, std::exception_ptr e);
  // User side: the next batch in file order, nullptr at the end; then back to the splitter.
  Batch* next();
  void done(Batch* b);
  void stop();  // the user is leaving early (its own error): the splitter ends at once
  std::exception_ptr error() const { return error_; }

 private:
  std::mutex m_;
  std::condition_variable cv_;
  std::vector<Batch> batches_ = std::vector<Batch>(kBatches);
  std::deque<Batch*> free_, ready_;
  bool last_ = false, stopped_ = false;
  std::exception_ptr error_;
};

// Calls `take(row)` with every row of the rest of `csv`, in file order, the rows split into
// fields on a thread of its own while `take` runs on this one (on this one alone when
// `threads` < 2). A row the reader cannot read raises its Error after `take` saw every row
// before it. No accounting: for_each_row_split_ahead adds it; `reachmap place` keeps its own.
template <class Take>
void for_each_raw_row_split_ahead(CsvReader& csv, int threads, Take&& take) {
  if (threads < 2) {
    CsvRow row;
    while (csv.next(row)) take(static_cast<const CsvRow&>(row));
    return;
  }
  RowHandover handover;
  std::thread splitter([&] {
    RowHandover::Batch* b = nullptr;
    try {
      for (bool last = false; !last;) {
        b = handover.empty();
        if (!b) return;
        b->count = 0;
        while (b->count < b->rows.size() && csv.next(b->rows[b->count])) ++b->count;
        last = b->count < b->rows.size();
        handover.filled(std::exchange(b, nullptr), last);
      }
    } catch (...) {
      handover.failed(b, std::current_exception());
    }
  });
  struct Join {  // however this thread leaves, the splitter is told to stop and joined
    RowHandover& h;
    std::thread& t;
    ~Join() {
      h.stop();
      t.join();
    }
  } join{handover, splitter};
  while (RowHandover::Batch* b = handover.next()) {
    for (std::size_t i = 0; i < b->count; ++i) take(static_cast<const CsvRow&>(b->rows[i]));
    handover.done(b);
  }
  if (handover.error()) std::rethrow_exception(handover.error());
}

// for_each_row, with the rows split into fields on a thread of its own while `use` runs on
// this one: the same calls in the same order, the same rejects and the same errors (a row the
// reader cannot read raises its Error after `use` saw every row before it), in about half the
// time on a file of tens of millions of rows. One thread (`threads` < 2): for_each_row.
template <class Use>
FileAccount& for_each_row_split_ahead(CsvReader& csv, Accounting& accounting, int threads,
                                      Use&& use) {
  if (threads < 2) return for_each_row(csv, accounting, use);
  const std::string& file = csv.display();
  FileAccount& account = accounting.file(file);
  for_each_raw_row_split_ahead(csv, threads, [&](const CsvRow& row) {
    ++account.rows;
    if (auto problem = csv.field_count_problem(row); !problem.empty()) {
      accounting.reject(file, row.line, kWrongFieldCount, std::move(problem));
      return;
    }
    use(row, account);
  });
  return account;
}

}  // namespace reachmap
