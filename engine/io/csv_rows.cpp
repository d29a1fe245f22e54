#include "engine/io/csv_rows.hpp"

namespace reachmap {

RowHandover::RowHandover() {
  for (Batch& b : batches_) free_.push_back(&b);
}

RowHandover::Batch* RowHandover::empty() {
  std::unique_lock<std::mutex> lock(m_);
  cv_.wait(lock, [&] { return stopped_ || !free_.empty(); });
  if (stopped_) return nullptr;
  Batch* b = free_.front();
  free_.pop_front();
  return b;
}

void RowHandover::filled(Batch* b, bool last) {
  {
    std::lock_guard<std::mutex> lock(m_);
    ready_.push_back(b);
    last_ = last;
  }
  cv_.notify_all();
}

void RowHandover::failed(Batch* b, std::exception_ptr e) {
  {
    std::lock_guard<std::mutex> lock(m_);
    if (b) ready_.push_back(b);  // the rows read before the one that failed
    error_ = std::move(e);
    last_ = true;
  }
  cv_.notify_all();
}

RowHandover::Batch* RowHandover::next() {
  std::unique_lock<std::mutex> lock(m_);
  cv_.wait(lock, [&] { return !ready_.empty() || last_; });
  if (ready_.empty()) return nullptr;
  Batch* b = ready_.front();
  ready_.pop_front();
  return b;
}

void RowHandover::done(Batch* b) {
  {
    std::lock_guard<std::mutex> lock(m_);
    free_.push_back(b);
  }
  cv_.notify_all();
}

void RowHandover::stop() {
  {
    std::lock_guard<std::mutex> lock(m_);
    stopped_ = true;
  }
  cv_.notify_all();
}

}  // namespace reachmap
