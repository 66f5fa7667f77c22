// The thread pool behind parallel_for: each call cuts [0, n) into one contiguous chunk per thread
// and waits until all are done. The chunks are fixed by n and the thread count, so results do not
// depend on timing; which thread runs a chunk does: the caller runs chunk 0 and then claims any
// chunk that no worker has started, so a worker that is asleep or descheduled (a page's own
// thread may hold the other core) delays nothing it has not begun. Waiting spins for a short
// while before it sleeps on a condition variable: a training step issues parallel loops
// microseconds apart, and waking a sleeping thread (a futex, in WASM Atomics.wait/notify) costs
// tens of microseconds each time. Without XTAPE_THREADS everything runs inline.
#include "parallel.hpp"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>

#include "xtape/error.hpp"
#include "xtape/threading.hpp"

#ifdef XTAPE_THREADS
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#endif

namespace xtape {
namespace detail {
namespace {

#ifdef XTAPE_THREADS
int hardware_threads() { return std::max(1u, std::thread::hardware_concurrency()); }

// Spins until done() or for about kSpin, checking the clock every 64 polls; true when done().
constexpr auto kSpin = std::chrono::microseconds(50);
template <class Done>
bool spin_until(Done done) {
  const auto until = std::chrono::steady_clock::now() + kSpin;
  for (;;) {
    for (int i = 0; i < 64; ++i)
      if (done()) return true;
    if (std::chrono::steady_clock::now() > until) return false;
  }
}

class Pool {
public:
  explicit Pool(int workers) {
    for (int i = 0; i < workers; ++i) threads_.emplace_back([this] { work(); });
  }
  ~Pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_) t.join();
  }
  int size() const { return int(threads_.size()) + 1; }

  // Runs job(chunk) for chunk in [0, chunks): chunk 0 on the caller, the others on whichever
  // thread claims them first (the caller too, once its own is done). chunks <= size().
  void run(int chunks, const std::function<void(int)>& job) {
    unsigned long gen;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      job_ = &job;
      chunks_ = chunks;
      pending_.store(chunks - 1);
      error_ = nullptr;
      gen = generation_.fetch_add(1) + 1;
      claims_.store(std::uint64_t(gen) << 32 | 1u); // chunk 0 is the caller's
    }
    wake_.notify_all();
    std::exception_ptr mine;
    for (long c = 0; c >= 0; c = claim(gen, chunks)) {
      try {
        job(int(c));
      } catch (...) {
        if (!mine) mine = std::current_exception();
      }
      if (c > 0) pending_.fetch_sub(1, std::memory_order_acq_rel);
    }
    spin_until([this] { return pending_.load(std::memory_order_acquire) == 0; });
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [this] { return pending_.load() == 0; });
    job_ = nullptr;
    if (mine) std::rethrow_exception(mine);
    if (error_) std::rethrow_exception(error_);
  }

private:
  // The next unclaimed chunk of run `gen`, or -1 when none is left or that run is over. The
  // generation in the high bits keeps a late worker from claiming a chunk of a later run.
  long claim(unsigned long gen, int chunks) {
    std::uint64_t v = claims_.load(std::memory_order_acquire);
    while ((v >> 32) == (std::uint64_t(gen) & 0xffffffffu) &&
           (v & 0xffffffffu) < std::uint64_t(chunks))
      if (claims_.compare_exchange_weak(v, v + 1, std::memory_order_acq_rel))
        return long(v & 0xffffffffu);
    return -1;
  }

  void work() {
    unsigned long seen = 0;
    for (;;) {
      const std::function<void(int)>* job;
      int chunks;
      spin_until([&] { return generation_.load(std::memory_order_acquire) != seen; });
      {
        std::unique_lock<std::mutex> lock(mutex_);
        wake_.wait(lock, [&] { return stop_ || generation_.load() != seen; });
        if (stop_) return;
        seen = generation_.load();
        job = job_;
        chunks = chunks_;
      }
      for (long c; (c = claim(seen, chunks)) >= 0;) {
        std::exception_ptr err;
        try {
          (*job)(int(c));
        } catch (...) {
          err = std::current_exception();
        }
        std::lock_guard<std::mutex> lock(mutex_);
        if (err && !error_) error_ = err;
        if (pending_.fetch_sub(1, std::memory_order_acq_rel) == 1) done_.notify_one();
      }
    }
  }

  std::vector<std::thread> threads_;
  std::mutex mutex_;
  std::condition_variable wake_, done_;
  const std::function<void(int)>* job_ = nullptr;
  int chunks_ = 0;
  std::atomic<int> pending_{0}; // chunks 1.. not yet done; the caller spins on it, then waits
  std::atomic<unsigned long> generation_{0}; // one more per run; workers spin on it, then wait
  std::atomic<std::uint64_t> claims_{0};     // generation << 32 | the next chunk to claim
  bool stop_ = false;
  std::exception_ptr error_;
};

std::atomic<int> configured{0}; // 0: not yet chosen
std::mutex& pool_owner() {
  static std::mutex m;
  return m;
}
std::unique_ptr<Pool>& pool() {
  static std::unique_ptr<Pool> p;
  return p;
}
#else
int hardware_threads() { return 1; }
std::atomic<int> configured{1};
#endif

} // namespace

void parallel_for(std::size_t n, std::size_t grain, std::size_t align,
                  const std::function<void(std::size_t, std::size_t)>& fn) {
  int threads = num_threads();
  std::size_t max_chunks = std::max<std::size_t>(1, n / std::max<std::size_t>(grain, 1));
  int chunks = int(std::min<std::size_t>(threads, max_chunks));
  if (chunks <= 1) {
    if (n) fn(0, n);
    return;
  }
#ifdef XTAPE_THREADS
  // One caller at a time owns the pool. Another thread calling meanwhile (or a job calling
  // parallel_for) runs its loop on its own thread: the same static chunks' results, no sharing.
  std::unique_lock<std::mutex> hold(pool_owner(), std::try_to_lock);
  if (!hold.owns_lock()) {
    fn(0, n);
    return;
  }
  std::size_t per = (n + chunks - 1) / chunks;
  per = (per + align - 1) / align * align;
  auto& p = pool();
  if (!p || p->size() != threads) p = std::make_unique<Pool>(threads - 1);
  p->run(chunks, [&](int c) {
    std::size_t begin = std::min(n, c * per), end = std::min(n, begin + per);
    if (begin < end) fn(begin, end);
  });
#else
  (void)align;
  fn(0, n);
#endif
}

} // namespace detail

int num_threads() {
  int n = detail::configured.load();
  if (!n) detail::configured.compare_exchange_strong(n, detail::hardware_threads());
  return detail::configured.load();
}

void set_num_threads(int n) {
  if (n < 1)
    throw InvalidArgumentError("set_num_threads: n must be at least 1, got " + std::to_string(n));
  detail::configured = std::min(n, detail::hardware_threads());
}

} // namespace xtape
