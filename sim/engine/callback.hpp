#pragma once
// What a model hands the simulator to run later: any callable taking no arguments, moved in.
//
// std::function would do, but libstdc++'s allocates for captures over 16 bytes, and a model's
// typical capture (`this` plus a few words) is bigger; a simulation schedules millions of events.
// A Callback keeps callables of up to 48 bytes inline and only puts bigger ones, or ones whose
// move may throw, on the heap. It is move-only, so a capture may own a std::unique_ptr.

#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <new>
#include <type_traits>
#include <utility>

namespace pushlab::sim {

class Callback;

// What a Callback can be made from: a callable taking no arguments (other than a Callback).
template <typename F>
concept CallbackTarget =
    !std::same_as<std::remove_cvref_t<F>, Callback> && std::invocable<std::remove_cvref_t<F>&>;

class Callback {
 public:
  static constexpr std::size_t inline_capacity = 48;

  Callback() = default;

  template <CallbackTarget F>
  Callback(F&& callable) {  // NOLINT(google-explicit-constructor): models pass lambdas
    construct(std::forward<F>(callable));
  }

  Callback(Callback&& other) noexcept { take(other); }

  Callback& operator=(Callback&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }

  Callback(const Callback&) = delete;
  Callback& operator=(const Callback&) = delete;

  ~Callback() { reset(); }

  explicit operator bool() const { return operations_ != nullptr; }

  // Calls the callable; the Callback must not be empty.
  void operator()() { operations_->invoke(storage_); }

  // Builds a callable in place in this Callback, which must be empty: saves a move, and a read
  // of the old state (the event queue reuses slots long forgotten by the cache). Stays empty if
  // building throws.
  template <CallbackTarget F>
  void emplace(F&& callable) {
    assert(operations_ == nullptr);
    construct(std::forward<F>(callable));
  }

  // Takes over another Callback's callable; this one must be empty.
  void emplace(Callback&& other) noexcept {
    assert(operations_ == nullptr);
    take(other);
  }

  // Destroys the callable, leaving the Callback empty.
  void reset() noexcept {
    if (operations_ == nullptr) return;
    if (operations_->destroy != nullptr) operations_->destroy(storage_);
    operations_ = nullptr;
  }

 private:
  // One table per stored type. A null relocate means the bytes can simply be copied (trivially
  // copyable callables, and the pointer to a heap callable); a null destroy means nothing to do.
  struct Operations {
    void (*invoke)(void* storage);
    void (*relocate)(void* from, void* to) noexcept;
    void (*destroy)(void* storage) noexcept;
  };

  template <typename F>
  void construct(F&& callable) {
    using Stored = std::remove_cvref_t<F>;
    if constexpr (fits_inline<Stored>()) {
      ::new (static_cast<void*>(storage_)) Stored(std::forward<F>(callable));
      operations_ = &inline_operations<Stored>;
    } else {
      Stored* on_heap = new Stored(std::forward<F>(callable));
      std::memcpy(storage_, &on_heap, sizeof on_heap);
      operations_ = &heap_operations<Stored>;
    }
  }

  template <typename F>
  static constexpr bool fits_inline() {
    return sizeof(F) <= inline_capacity && alignof(F) <= alignof(void*) &&
           std::is_nothrow_move_constructible_v<F>;
  }

  template <typename F>
  static F& inline_object(void* storage) {
    return *std::launder(static_cast<F*>(storage));
  }

  template <typename F>
  static F& heap_object(void* storage) {
    F* object = nullptr;
    std::memcpy(&object, storage, sizeof object);
    return *object;
  }

  template <typename F>
  static constexpr Operations inline_operations{
      .invoke = [](void* storage) { inline_object<F>(storage)(); },
      .relocate = std::is_trivially_copyable_v<F> ? nullptr
                                                  : +[](void* from, void* to) noexcept {
                                                      F& source = inline_object<F>(from);
                                                      ::new (to) F(std::move(source));
                                                      source.~F();
                                                    },
      .destroy = std::is_trivially_destructible_v<F>
                     ? nullptr
                     : +[](void* storage) noexcept { inline_object<F>(storage).~F(); },
  };

  template <typename F>
  static constexpr Operations heap_operations{
      .invoke = [](void* storage) { heap_object<F>(storage)(); },
      .relocate = nullptr,
      .destroy = [](void* storage) noexcept { delete &heap_object<F>(storage); },
  };

  void take(Callback& other) noexcept {
    operations_ = std::exchange(other.operations_, nullptr);
    if (operations_ == nullptr) return;
    if (operations_->relocate != nullptr) {
      operations_->relocate(other.storage_, storage_);
    } else {
      std::memcpy(storage_, other.storage_, inline_capacity);
    }
  }

  const Operations* operations_ = nullptr;
  alignas(void*) std::byte storage_[inline_capacity];
};

}  // namespace pushlab::sim
