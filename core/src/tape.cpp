// GradientTape: recording and iterative back-propagation (the design follows TF's eager tape).
#include "xtape/tape.hpp"

#include <algorithm>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "detail/record.hpp"
#include "detail/tensor_impl.hpp"
#include "xtape/error.hpp"
#include "xtape/ops.hpp"

namespace xtape {
namespace detail {

OpType::OpType(const char* name, const char* row, Run run) : name(name), row(row), run_(run) {
  const_cast<std::vector<const OpType*>&>(op_types()).push_back(this);
}

const std::vector<const OpType*>& op_types() {
  static std::vector<const OpType*> types;
  return types;
}

namespace {
std::unordered_map<const OpType*, std::vector<FusionRule>>& fusion_rules() {
  static std::unordered_map<const OpType*, std::vector<FusionRule>> rules;
  return rules;
}
} // namespace

bool register_fusion(const OpType& anchor, FusionRule rule) {
  fusion_rules()[&anchor].push_back(rule);
  return true;
}

const std::vector<FusionRule>& fusions(const OpType& type) {
  static const std::vector<FusionRule> none;
  auto it = fusion_rules().find(&type);
  return it == fusion_rules().end() ? none : it->second;
}

struct TapeState {
  bool persistent;
  bool watch_accessed_variables;
  bool active = false; // on the active list (recording unless paused)
  int paused = 0;      // live StopRecording guards, plus one while pause()d
  bool pause_called = false;
  bool used = false; // gradient() was called
  std::unordered_set<std::uint64_t> watched;
  std::vector<Recorded> ops;
  std::vector<Variable> watched_variables;
  bool recording() const { return active && paused == 0; }
  void watch_variable(const Variable& v) {
    if (!is_floating(v.dtype())) return;
    if (watched.insert(v.handle_id()).second) watched_variables.push_back(v);
  }
};

namespace {

std::vector<TapeState*>& active_tapes() {
  thread_local std::vector<TapeState*> tapes;
  return tapes;
}

void activate(TapeState& s) {
  if (s.active) return;
  s.active = true;
  active_tapes().push_back(&s);
}

void deactivate(TapeState& s) {
  auto& tapes = active_tapes();
  tapes.erase(std::remove(tapes.begin(), tapes.end(), &s), tapes.end());
  s.active = false;
}

TensorSpec spec(const Tensor& t) { return {t.id(), t.dtype(), t.shape()}; }

// THE central unbroadcast. A binary op's gradient has the broadcast output shape; the input had
// `shape`. Sum over the leading axes the input lacked and over the axes where it had 1, then
// reshape: [N,K] -> [K] for a bias add, [3,4] -> [3,1] and [1,4] for an outer add.
Tensor sum_to(const Tensor& g, const Shape& shape, const char* op) {
  if (g.shape() == shape) return g;
  auto fail = [&] {
    return InvalidArgumentError(std::string(op) + ": gradient of shape " + to_string(g.shape()) +
                                " cannot be reduced to input shape " + to_string(shape));
  };
  if (g.rank() < shape.size()) throw fail();
  std::size_t lead = g.rank() - shape.size();
  std::vector<int> axes;
  for (std::size_t i = 0; i < g.rank(); ++i) {
    if (i < lead) {
      axes.push_back(static_cast<int>(i));
    } else if (shape[i - lead] != g.shape()[i]) {
      if (shape[i - lead] != 1) throw fail();
      axes.push_back(static_cast<int>(i));
    }
  }
  return reshape(reduce_sum(g, axes), shape);
}

// Back-propagates from target through `ops` and returns the gradient of every id on a path
// from a source to the target. Iterative: a ready stack driven by use counts, no recursion.
std::unordered_map<std::uint64_t, Tensor> backprop(const std::vector<Recorded>& ops,
                                                   const Tensor& target,
                                                   const std::unordered_set<std::uint64_t>& sources,
                                                   const Tensor& seed) {
  // 1. Ids that depend on a source, in recording order (ops are recorded after their inputs).
  std::unordered_set<std::uint64_t> relevant(sources);
  std::unordered_map<std::uint64_t, std::size_t> producer;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    for (const auto& in : ops[i].inputs) {
      if (relevant.count(in.id)) {
        relevant.insert(ops[i].output.id);
        producer[ops[i].output.id] = i;
        break;
      }
    }
  }
  std::unordered_map<std::uint64_t, Tensor> grads;
  if (!relevant.count(target.id())) return grads;

  // 2. Use counts of each id by the relevant ops reachable backwards from the target (`uses`
  // counts down as consumers deliver; `consumers` keeps the totals).
  std::unordered_map<std::uint64_t, int> uses;
  std::vector<char> visited(ops.size(), 0);
  std::vector<std::size_t> stack;
  if (auto p = producer.find(target.id()); p != producer.end()) {
    visited[p->second] = 1;
    stack.push_back(p->second);
  }
  while (!stack.empty()) {
    std::size_t i = stack.back();
    stack.pop_back();
    for (const auto& in : ops[i].inputs) {
      if (!relevant.count(in.id)) continue;
      ++uses[in.id];
      auto p = producer.find(in.id);
      if (p != producer.end() && !visited[p->second]) {
        visited[p->second] = 1;
        stack.push_back(p->second);
      }
    }
  }

  const std::unordered_map<std::uint64_t, int> consumers = uses;

  // What a fusion rule may ask of the graph.
  struct View final : Chain {
    const std::vector<Recorded>& ops;
    const std::unordered_map<std::uint64_t, std::size_t>& producer;
    const std::unordered_map<std::uint64_t, int>& consumers;
    const std::unordered_set<std::uint64_t>& relevant;
    const std::unordered_set<std::uint64_t>& sources;
    View(const std::vector<Recorded>& o, const std::unordered_map<std::uint64_t, std::size_t>& p,
         const std::unordered_map<std::uint64_t, int>& c,
         const std::unordered_set<std::uint64_t>& r, const std::unordered_set<std::uint64_t>& s)
        : ops(o), producer(p), consumers(c), relevant(r), sources(s) {}
    const Recorded* sole_producer(const TensorSpec& t) const override {
      auto p = producer.find(t.id);
      auto c = consumers.find(t.id);
      bool sole = c != consumers.end() && c->second == 1 && !sources.count(t.id);
      return p != producer.end() && sole ? &ops[p->second] : nullptr;
    }
    bool needs_gradient(const TensorSpec& t) const override { return relevant.count(t.id) > 0; }
  } view(ops, producer, consumers, relevant, sources);

  // 3. Run each op's gradient once all of its output's consumers have run.
  grads.emplace(target.id(), seed);
  if (auto p = producer.find(target.id()); p != producer.end()) stack.push_back(p->second);
  while (!stack.empty()) {
    const Recorded& op = ops[stack.back()];
    stack.pop_back();
    std::optional<Tensor> dy;
    if (auto g = grads.find(op.output.id); g != grads.end()) {
      dy = g->second;
      if (!sources.count(op.output.id)) grads.erase(g); // free intermediate gradients early
    }
    // Input `in` receives g (or nothing); its producer runs once all of its consumers have
    // delivered.
    auto deliver = [&](const TensorSpec& in, const std::optional<Tensor>& g) {
      if (g) {
        Tensor s = sum_to(*g, in.shape, op.type->name);
        auto [it, fresh] = grads.try_emplace(in.id, s);
        if (!fresh) it->second = add(it->second, s); // b = a + a: both uses add up
      }
      if (--uses[in.id] == 0) {
        if (auto p = producer.find(in.id); p != producer.end()) stack.push_back(p->second);
      }
    };
    std::optional<Fusion> fused;
    if (dy && !recording())
      for (FusionRule rule : fusions(*op.type))
        if ((fused = rule(op, *dy, view))) break;
    if (fused) { // the covered ops are done; each input of the chain from outside it delivers
      std::unordered_set<std::uint64_t> inside;
      for (const Recorded* c : fused->covered) {
        inside.insert(c->output.id);
        uses[c->output.id] = 0;
      }
      auto chain_inputs = [&](const Recorded& r) {
        for (const TensorSpec& in : r.inputs) {
          if (inside.count(in.id) || !relevant.count(in.id)) continue;
          std::optional<Tensor> g;
          for (auto& [spec, grad] : fused->grads)
            if (spec == &in) g = grad;
          deliver(in, g);
        }
      };
      chain_inputs(op);
      for (const Recorded* c : fused->covered) chain_inputs(*c);
      continue;
    }
    Needed needed;
    needed.reserve(op.inputs.size());
    for (const auto& in : op.inputs) needed.push_back(relevant.count(in.id) > 0);
    Grads din = dy ? op.type->backward(op.saved.get(), needed, *dy) : Grads{};
    for (std::size_t k = 0; k < op.inputs.size(); ++k)
      if (needed[k]) deliver(op.inputs[k], k < din.size() ? din[k] : std::nullopt);
  }
  return grads;
}

} // namespace

bool recording() {
  const auto& tapes = active_tapes();
  return std::any_of(tapes.begin(), tapes.end(), [](TapeState* t) { return t->recording(); });
}

Tensor record(const OpType& op, const Tensor* inputs, std::size_t n, const Tensor& y, void* saved,
              std::shared_ptr<const void> (*keep)(void*)) {
  auto& tapes = active_tapes();
  if (tapes.empty() || !is_floating(y.dtype())) return y;
  std::shared_ptr<const void> kept;
  for (TapeState* t : tapes) {
    if (!t->recording()) continue;
    bool watched = std::any_of(inputs, inputs + n, [&](const Tensor& in) {
      return is_floating(in.dtype()) && t->watched.count(in.id());
    });
    if (!watched) continue;
    if (!kept) kept = keep(saved);
    std::vector<TensorSpec> specs;
    specs.reserve(n);
    for (std::size_t i = 0; i < n; ++i) specs.push_back(spec(inputs[i]));
    t->ops.push_back({&op, std::move(specs), spec(y), kept});
    t->watched.insert(y.id());
  }
  return y;
}

Tensor read_variable(const Variable& v, const Tensor& value, const Op<Nothing>& read_op) {
  auto& tapes = active_tapes();
  if (tapes.empty()) return value;
  bool any = false;
  for (TapeState* t : tapes) {
    if (!t->recording()) continue;
    if (t->watch_accessed_variables && v.trainable()) t->watch_variable(v);
    any = any || t->watched.count(v.handle_id());
  }
  if (!any) return value;
  Tensor read = TensorAccess::share(value, value.shape());
  static const auto nothing = std::make_shared<const Nothing>();
  for (TapeState* t : tapes) {
    if (!t->recording() || !t->watched.count(v.handle_id())) continue;
    t->ops.push_back({&read_op, {{v.handle_id(), v.dtype(), v.shape()}}, spec(read), nothing});
    t->watched.insert(read.id());
  }
  return read;
}

namespace {
struct CustomSaved {
  CustomGradient grad;
  std::size_t inputs;
};
// y = the caller's function of the inputs;  d inputs = grad(dy), as the caller computes it
const Op<CustomSaved> CustomGradientOp{
    "CustomGradient", nullptr, [](const CustomSaved& s, const Needed&, const Tensor& dy) {
      Grads g = s.grad(dy);
      if (g.size() > s.inputs)
        throw InvalidArgumentError("custom_gradient: the gradient function returned " +
                                   std::to_string(g.size()) + " gradients for " +
                                   std::to_string(s.inputs) + " inputs");
      g.resize(s.inputs);
      return g;
    }};
} // namespace

} // namespace detail

Tensor custom_gradient(const std::vector<Tensor>& inputs, const Tensor& y, CustomGradient grad) {
  if (!grad) throw InvalidArgumentError("custom_gradient: no gradient function");
  Tensor out = detail::TensorAccess::share(y, y.shape()); // the op's own output
  return detail::record(detail::CustomGradientOp, inputs, out,
                        detail::CustomSaved{std::move(grad), inputs.size()});
}

std::vector<OpTypeInfo> gradient_registry() {
  std::vector<OpTypeInfo> out;
  for (const detail::OpType* t : detail::op_types()) out.push_back({t->name, t->differentiable()});
  std::sort(out.begin(), out.end(),
            [](const OpTypeInfo& a, const OpTypeInfo& b) { return a.type < b.type; });
  return out;
}

Source::Source(const Tensor& t) : id(t.id()), dtype(t.dtype()), shape(t.shape()) {}
Source::Source(const Variable& v) : id(v.handle_id()), dtype(v.dtype()), shape(v.shape()) {}

GradientTape::GradientTape(bool persistent, bool watch_accessed_variables)
    : state_(std::make_shared<detail::TapeState>()) {
  state_->persistent = persistent;
  state_->watch_accessed_variables = watch_accessed_variables;
  detail::activate(*state_);
}

GradientTape::~GradientTape() { detail::deactivate(*state_); }

void GradientTape::watch(const Tensor& t) {
  if (is_floating(t.dtype())) state_->watched.insert(t.id());
}
void GradientTape::watch(const Variable& v) { state_->watch_variable(v); }

std::vector<std::optional<Tensor>>
GradientTape::gradient(const Tensor& target, const std::vector<Source>& sources,
                       const std::optional<Tensor>& output_gradient,
                       UnconnectedGradients unconnected) {
  auto& s = *state_;
  if (s.used && !s.persistent)
    throw RuntimeError("GradientTape.gradient can only be called once on a non-persistent tape; "
                       "create the tape with persistent=true to take several gradients");
  detail::deactivate(s);
  s.used = true;
  if (!is_floating(target.dtype())) { // TF: an integer target has no gradients (None, or zeros)
    std::vector<std::optional<Tensor>> none;
    for (const auto& src : sources)
      none.push_back(unconnected == UnconnectedGradients::zero
                         ? std::optional<Tensor>(zeros(src.shape, src.dtype))
                         : std::nullopt);
    if (!s.persistent) end_gradient();
    return none;
  }
  if (output_gradient) {
    detail::check_floating("GradientTape.gradient", "output_gradient", *output_gradient);
    if (output_gradient->shape() != target.shape())
      throw InvalidArgumentError("GradientTape.gradient: output_gradient shape " +
                                 to_string(output_gradient->shape()) + " differs from target " +
                                 to_string(target.shape()));
  }
  std::unordered_set<std::uint64_t> ids;
  for (const auto& src : sources) // only what the tape watched can have a gradient (TF)
    if (is_floating(src.dtype) && s.watched.count(src.id)) ids.insert(src.id);
  auto grads =
      detail::backprop(s.ops, target, ids, output_gradient ? *output_gradient : ones_like(target));
  std::vector<std::optional<Tensor>> out;
  for (const auto& src : sources) {
    auto g = is_floating(src.dtype) ? grads.find(src.id) : grads.end();
    if (g != grads.end())
      out.emplace_back(g->second);
    else if (unconnected == UnconnectedGradients::zero)
      out.emplace_back(zeros(src.shape, src.dtype));
    else
      out.emplace_back(std::nullopt);
  }
  if (!s.persistent) { // release what the tape kept alive
    s.ops.clear();
    s.ops.shrink_to_fit();
    s.watched.clear();
  }
  return out;
}

namespace {
// The ids of the sources the tape can differentiate (watched float tensors and variables).
std::unordered_set<std::uint64_t> watched_ids(const detail::TapeState& s,
                                              const std::vector<Source>& sources) {
  std::unordered_set<std::uint64_t> ids;
  for (const auto& src : sources)
    if (is_floating(src.dtype) && s.watched.count(src.id)) ids.insert(src.id);
  return ids;
}
// A tensor of `like`'s shape and dtype that is 1 where `hot(i)` holds.
template <class F>
Tensor seed_where(const Tensor& like, F hot) {
  std::vector<float> v(std::size_t(like.size()));
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = hot(std::int64_t(i)) ? 1.f : 0.f;
  return cast(constant(v, like.shape()), like.dtype());
}
} // namespace

void GradientTape::begin_gradient(const char* what, const Tensor& target) {
  auto& s = *state_;
  if (s.used && !s.persistent)
    throw RuntimeError(std::string(what) +
                       " can only be called once on a non-persistent tape; create the tape with "
                       "persistent=true to take several gradients");
  detail::deactivate(s);
  s.used = true;
  detail::check_floating(what, "the target", target);
}

void GradientTape::end_gradient() {
  if (state_->persistent) return;
  state_->ops.clear(); // release what the tape kept alive
  state_->ops.shrink_to_fit();
  state_->watched.clear();
}

std::vector<std::optional<Tensor>> GradientTape::jacobian(const Tensor& target,
                                                          const std::vector<Source>& sources,
                                                          UnconnectedGradients unconnected) {
  begin_gradient("GradientTape.jacobian", target);
  auto& s = *state_;
  const auto ids = watched_ids(s, sources);
  std::vector<std::vector<Tensor>> rows(sources.size());
  std::vector<bool> connected(sources.size(), false);
  for (std::int64_t i = 0; i < target.size(); ++i) {
    auto grads = detail::backprop(s.ops, target, ids,
                                  seed_where(target, [&](std::int64_t k) { return k == i; }));
    for (std::size_t j = 0; j < sources.size(); ++j) {
      auto g = grads.find(sources[j].id);
      bool has = is_floating(sources[j].dtype) && g != grads.end();
      connected[j] = connected[j] || has;
      rows[j].push_back(has ? g->second : zeros(sources[j].shape, sources[j].dtype));
    }
  }
  std::vector<std::optional<Tensor>> out;
  for (std::size_t j = 0; j < sources.size(); ++j) {
    Shape shape = target.shape();
    shape.insert(shape.end(), sources[j].shape.begin(), sources[j].shape.end());
    if (!connected[j] && unconnected == UnconnectedGradients::none)
      out.emplace_back(std::nullopt);
    else if (rows[j].empty())
      out.emplace_back(zeros(shape, sources[j].dtype));
    else
      out.emplace_back(reshape(stack(rows[j], 0), shape));
  }
  end_gradient();
  return out;
}

std::optional<Tensor> GradientTape::batch_jacobian(const Tensor& target, const Source& source,
                                                   UnconnectedGradients unconnected) {
  begin_gradient("GradientTape.batch_jacobian", target);
  if (target.rank() < 1 || source.shape.empty() || target.shape()[0] != source.shape[0])
    throw InvalidArgumentError("GradientTape.batch_jacobian: target " + to_string(target.shape()) +
                               " and source " + to_string(source.shape) +
                               " need the same first (batch) dimension");
  auto& s = *state_;
  const auto ids = watched_ids(s, {source});
  const std::int64_t B = target.shape()[0], per = B ? target.size() / B : 0;
  std::vector<Tensor> cols;
  bool connected = false;
  for (std::int64_t j = 0; j < per; ++j) {
    auto grads = detail::backprop(s.ops, target, ids,
                                  seed_where(target, [&](std::int64_t k) { return k % per == j; }));
    auto g = grads.find(source.id);
    bool has = is_floating(source.dtype) && g != grads.end();
    connected = connected || has;
    cols.push_back(has ? g->second : zeros(source.shape, source.dtype));
  }
  Shape shape = target.shape();
  shape.insert(shape.end(), source.shape.begin() + 1, source.shape.end());
  std::optional<Tensor> out;
  if (connected || unconnected == UnconnectedGradients::zero)
    out = cols.empty() ? zeros(shape, source.dtype) : reshape(stack(cols, 1), shape);
  end_gradient();
  return out;
}

GradientTape::StopRecording::StopRecording(std::weak_ptr<detail::TapeState> s)
    : state_(std::move(s)) {
  if (auto p = state_.lock()) ++p->paused;
}
// The tape may be gone already; then there is nothing to resume.
GradientTape::StopRecording::~StopRecording() {
  if (auto p = state_.lock()) --p->paused;
}
GradientTape::StopRecording GradientTape::stop_recording() { return StopRecording(state_); }

// A paused tape leaves the active list, so that ops cost nothing for it until it resumes.
void GradientTape::pause() {
  if (!state_->pause_called) ++state_->paused;
  state_->pause_called = true;
  detail::deactivate(*state_);
}
void GradientTape::resume() {
  if (state_->pause_called) --state_->paused;
  state_->pause_called = false;
  detail::activate(*state_); // also re-enters after gradient() (TF: a second `with tape:`)
}

void GradientTape::reset() {
  state_->ops.clear();
  state_->watched.clear();
  state_->watched_variables.clear();
  state_->used = false;
}

std::vector<Variable> GradientTape::watched_variables() const { return state_->watched_variables; }
bool GradientTape::persistent() const { return state_->persistent; }

} // namespace xtape
