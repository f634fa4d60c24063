#pragma once
// A move-only std::function that keeps small callables inline: what models hand each other to be
// called back (a frame has arrived, a connection is free, the peer has closed).
//
// libstdc++'s std::function allocates for any capture over 16 bytes, and a model's typical one
// (`this`, a client number and a reference or two) is bigger; a lane makes such callbacks for
// every request it sends. An InlineFunction keeps callables of up to `Capacity` bytes in itself
// and puts bigger ones, or ones whose move may throw, on the heap. The simulator's events are
// InlineFunctions too (Callback), built in place in the event queue's slots with emplace().
//
//   InlineFunction<void(const WireFrame&)> on_frame = [this, client](const WireFrame& frame) {...};
//   if (on_frame) on_frame(frame);
//   on_frame = nullptr;
//
// A callable may reset or replace the function that holds it while it runs, as long as it does
// not use its own captures afterwards (the same rule as for std::function).

#include <cassert>
#include <concepts>
#include <cstddef>
#include <cstring>
#include <functional>
#include <new>
#include <type_traits>
#include <utility>

namespace pushlab::sim {

template <class Signature, std::size_t Capacity = 32>
class InlineFunction;

template <class R, class... Args, std::size_t Capacity>
class InlineFunction<R(Args...), Capacity> {
 public:
  static constexpr std::size_t inline_capacity = Capacity;

  InlineFunction() = default;
  InlineFunction(std::nullptr_t) {}  // NOLINT(google-explicit-constructor): as std::function

  template <class F>
  requires(!std::same_as<std::remove_cvref_t<F>, InlineFunction> &&
           std::is_invocable_r_v<R, std::remove_cvref_t<F>&, Args...>)
      InlineFunction(F&& callable) {  // NOLINT(google-explicit-constructor): models pass lambdas
    construct(std::forward<F>(callable));
  }

  InlineFunction(InlineFunction&& other) noexcept { take(other); }

  InlineFunction& operator=(InlineFunction&& other) noexcept {
    if (this != &other) {
      reset();
      take(other);
    }
    return *this;
  }

  InlineFunction& operator=(std::nullptr_t) noexcept {
    reset();
    return *this;
  }

  template <class F>
  requires(!std::same_as<std::remove_cvref_t<F>, InlineFunction> &&
           std::is_invocable_r_v<R, std::remove_cvref_t<F>&, Args...>) InlineFunction&
  operator=(F&& callable) {
    reset();
    construct(std::forward<F>(callable));
    return *this;
  }

  InlineFunction(const InlineFunction&) = delete;
  InlineFunction& operator=(const InlineFunction&) = delete;

  ~InlineFunction() { reset(); }

  explicit operator bool() const { return operations_ != nullptr; }

  // Calls the callable; the function must not be empty.
  R operator()(Args... args) const {
    return operations_->invoke(storage_, std::forward<Args>(args)...);
  }

  // Builds a callable in place in this function, which must be empty: saves a move, and a read
  // of the old state (the event queue reuses slots long forgotten by the cache). Stays empty if
  // building throws.
  template <class F>
  requires(!std::same_as<std::remove_cvref_t<F>, InlineFunction> &&
           std::is_invocable_r_v<R, std::remove_cvref_t<F>&, Args...>) void emplace(F&& callable) {
    assert(operations_ == nullptr);
    construct(std::forward<F>(callable));
  }

  // Takes over another function's callable; this one must be empty.
  void emplace(InlineFunction&& other) noexcept {
    assert(operations_ == nullptr);
    take(other);
  }

  // Destroys the callable, leaving the function empty. The function is empty before the
  // callable's destructor runs, so that destructor may use or refill it.
  void reset() noexcept {
    const Operations* operations = std::exchange(operations_, nullptr);
    if (operations != nullptr && operations->destroy != nullptr) operations->destroy(storage_);
  }

 private:
  // One table per stored type. A null relocate means the bytes can simply be copied (trivially
  // copyable callables, and the pointer to a heap callable); a null destroy means nothing to do.
  struct Operations {
    R (*invoke)(void* storage, Args&&... args);
    void (*relocate)(void* from, void* to) noexcept;
    void (*destroy)(void* storage) noexcept;
  };

  template <class F>
  static constexpr bool fits_inline() {
    return sizeof(F) <= Capacity && alignof(F) <= alignof(void*) &&
           std::is_nothrow_move_constructible_v<F>;
  }

  template <class F>
  static F& inline_object(void* storage) {
    return *std::launder(static_cast<F*>(storage));
  }

  template <class F>
  static F& heap_object(void* storage) {
    F* object = nullptr;
    std::memcpy(&object, storage, sizeof object);
    return *object;
  }

  template <class F>
  static constexpr Operations inline_operations{
      .invoke = [](void* storage, Args&&... args) -> R {
        return std::invoke(inline_object<F>(storage), std::forward<Args>(args)...);
      },
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

  template <class F>
  static constexpr Operations heap_operations{
      .invoke = [](void* storage, Args&&... args) -> R {
        return std::invoke(heap_object<F>(storage), std::forward<Args>(args)...);
      },
      .relocate = nullptr,
      .destroy = [](void* storage) noexcept { delete &heap_object<F>(storage); },
  };

  template <class F>
  void construct(F&& callable) {
    using Stored = std::remove_cvref_t<F>;
    if constexpr (std::is_pointer_v<Stored> || std::is_member_pointer_v<Stored>) {
      if (callable == nullptr) return;  // an empty function, as std::function makes
    }
    if constexpr (fits_inline<Stored>()) {
      ::new (static_cast<void*>(storage_)) Stored(std::forward<F>(callable));
      operations_ = &inline_operations<Stored>;
    } else {
      Stored* on_heap = new Stored(std::forward<F>(callable));
      std::memcpy(storage_, &on_heap, sizeof on_heap);
      operations_ = &heap_operations<Stored>;
    }
  }

  void take(InlineFunction& other) noexcept {
    operations_ = std::exchange(other.operations_, nullptr);
    if (operations_ == nullptr) return;
    if (operations_->relocate != nullptr) {
      operations_->relocate(other.storage_, storage_);
    } else {
      std::memcpy(storage_, other.storage_, Capacity);
    }
  }

  const Operations* operations_ = nullptr;
  alignas(void*) mutable std::byte storage_[Capacity];
};

}  // namespace pushlab::sim
