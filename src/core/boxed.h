// A value kept on the heap only when present: one pointer wide when absent,
// copied in whole when the holder is copied. For the parts of a person's
// state that few people have (a send-time profile), so that everyone else
// pays eight bytes for them.
//
// Thread safety: as the boxed type's.
#pragma once

#include <memory>
#include <utility>

namespace tact {

template <typename T>
class Boxed {
 public:
  Boxed() = default;
  Boxed(const Boxed& other) : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;

  // nullptr when absent.
  const T* get() const { return value_.get(); }
  // The value, made (default-constructed) when absent.
  T& GetOrMake() {
    if (!value_) value_ = std::make_unique<T>();
    return *value_;
  }
  void Set(T value) { value_ = std::make_unique<T>(std::move(value)); }
  void Reset() { value_.reset(); }

 private:
  std::unique_ptr<T> value_;
};

}  // namespace tact
