// An array of trivially copyable values, too large for the heap to serve well: mapped
// anonymously and asked for huge pages, so that writes scattered over hundreds of megabytes
// (a counting sort of tens of millions of contacts) miss the TLB a 512th as often and fault
// a 512th as many pages. Pages never written cost no memory; all of it goes back at once.
#pragma once

#include <sys/mman.h>

#include <cstddef>
#include <new>
#include <type_traits>

namespace reachmap {

template <class T>
class BigArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  explicit BigArray(std::size_t n) : size_(n), bytes_(n * sizeof(T)) {
    if (bytes_ == 0) return;
    void* p = ::mmap(nullptr, bytes_, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    ::madvise(p, bytes_, MADV_HUGEPAGE);  // a hint: without it, plain pages
    data_ = static_cast<T*>(p);
  }
  ~BigArray() {
    if (data_) ::munmap(data_, bytes_);
  }
  BigArray(const BigArray&) = delete;
  BigArray& operator=(const BigArray&) = delete;

  T* data() { return data_; }
  const T* data() const { return data_; }
  std::size_t size() const { return size_; }
  T& operator[](std::size_t i) { return data_[i]; }
  const T& operator[](std::size_t i) const { return data_[i]; }

 private:
  T* data_ = nullptr;
  std::size_t size_, bytes_;
};

}  // namespace reachmap
