// Traced functions: the record of a function's core calls and its replay (see xtape/trace.hpp).
#include "xtape/trace.hpp"

#include <utility>

#include "xtape/error.hpp"

namespace xtape::trace {

namespace {
std::string describe(DType d, const Shape& s) {
  std::string out = dtype_name(d) + std::string(" [");
  for (std::size_t i = 0; i < s.size(); ++i) out += (i ? ", " : "") + std::to_string(s[i]);
  return out + "]";
}
} // namespace

const Tensor& Frame::at(int slot) const {
  const auto& t = tensors.at(std::size_t(slot));
  if (!t) throw std::logic_error("traced function: slot " + std::to_string(slot) + " is empty");
  return *t;
}

std::vector<Tensor> Program::run(const std::vector<Tensor>& inputs) const {
  if (inputs.size() != input_types_.size())
    throw InvalidArgumentError("traced function: expected " + std::to_string(input_types_.size()) +
                               " input tensors, got " + std::to_string(inputs.size()));
  Frame f;
  f.tensors.resize(std::size_t(num_slots_));
  f.tapes.resize(std::size_t(num_tapes_));
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    const auto& [dtype, shape] = input_types_[i];
    if (inputs[i].dtype() != dtype || inputs[i].shape() != shape)
      throw InvalidArgumentError("traced function: input " + std::to_string(i) + " is " +
                                 describe(inputs[i].dtype(), inputs[i].shape()) +
                                 ", it was traced for " + describe(dtype, shape) +
                                 " (trace again for new shapes or dtypes)");
    f.tensors[i] = inputs[i];
  }
  for (const auto& c : constants_) f.tensors[std::size_t(c.first)] = c.second;
  for (std::size_t s = 0; s < steps_.size(); ++s) {
    steps_[s].run(f);
    for (int slot : frees_[s]) f.tensors[std::size_t(slot)].reset();
  }
  std::vector<Tensor> out;
  out.reserve(outputs_.size());
  for (int slot : outputs_) out.push_back(f.at(slot));
  return out;
}

Recorder::Recorder(const std::vector<Tensor>& inputs) {
  for (const Tensor& t : inputs) {
    p_.input_types_.emplace_back(t.dtype(), t.shape());
    defined_at_[std::size_t(define(t))] = -1;
  }
}

int Recorder::define(const Tensor& t) {
  int slot = p_.num_slots_++;
  slot_of_[t.id()] = slot;
  defined_at_.push_back(int(p_.steps_.size())); // the step about to be added
  return slot;
}

int Recorder::ref(const Tensor& t) {
  if (auto it = slot_of_.find(t.id()); it != slot_of_.end()) return it->second;
  int slot = define(t);
  defined_at_[std::size_t(slot)] = -1;
  p_.constants_.emplace_back(slot, t);
  return slot;
}

bool Recorder::computed(const Tensor& t) const {
  auto it = slot_of_.find(t.id());
  return it != slot_of_.end() && defined_at_[std::size_t(it->second)] >= 0 &&
         std::size_t(it->second) >= p_.input_types_.size();
}

void Recorder::add(std::vector<int> reads, std::function<void(Frame&)> run) {
  p_.steps_.push_back(Step{std::move(reads), std::move(run)});
}

void Recorder::op(const op_table::OpDef& def, const std::vector<op_table::Arg>& args,
                  const Tensor& out) {
  // The arguments without their tensors, and where each tensor comes from.
  std::vector<op_table::Arg> pattern = args;
  std::vector<int> reads;
  std::vector<std::pair<std::size_t, int>> one;                // arg, slot
  std::vector<std::pair<std::size_t, std::vector<int>>> lists; // arg, slots
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i].tensor) {
      one.emplace_back(i, ref(*args[i].tensor));
      reads.push_back(one.back().second);
      pattern[i].tensor.reset();
    }
    if (args[i].tensors) {
      std::vector<int> slots;
      for (const Tensor& t : *args[i].tensors) slots.push_back(ref(t));
      reads.insert(reads.end(), slots.begin(), slots.end());
      lists.emplace_back(i, std::move(slots));
      pattern[i].tensors.reset();
    }
  }
  int result = define(out);
  const op_table::OpDef* d = &def; // the table lives as long as the program
  add(std::move(reads), [d, pattern = std::move(pattern), one = std::move(one),
                         lists = std::move(lists), result](Frame& f) {
    std::vector<op_table::Arg> a = pattern;
    for (const auto& [i, slot] : one) a[i].tensor = f.at(slot);
    for (const auto& [i, slots] : lists) {
      std::vector<Tensor> ts;
      ts.reserve(slots.size());
      for (int s : slots) ts.push_back(f.at(s));
      a[i].tensors = std::move(ts);
    }
    f.tensors[std::size_t(result)] = op_table::call(*d, a);
  });
}

void Recorder::read(const Variable& v, const Tensor& out) {
  int result = define(out);
  add({}, [v, result](Frame& f) { f.tensors[std::size_t(result)] = v.value(); });
}

void Recorder::update(const Variable& v, Update how, const Tensor& value) {
  int slot = ref(value);
  add({slot}, [var = Variable(v), how, slot](Frame& f) mutable {
    const Tensor& t = f.at(slot);
    if (how == Update::assign)
      var.assign(t);
    else if (how == Update::assign_add)
      var.assign_add(t);
    else
      var.assign_sub(t);
  });
}

void Recorder::draw(std::function<Tensor()> again, const Tensor& out) {
  int result = define(out);
  add({},
      [again = std::move(again), result](Frame& f) { f.tensors[std::size_t(result)] = again(); });
}

void Recorder::effect(const std::vector<Tensor>& values,
                      std::function<void(const std::vector<Tensor>&)> again) {
  std::vector<int> slots;
  for (const Tensor& t : values) slots.push_back(ref(t));
  add(slots, [slots, again = std::move(again)](Frame& f) {
    std::vector<Tensor> now;
    for (int s : slots) now.push_back(f.at(s));
    again(now);
  });
}

int Recorder::tape_slot(const GradientTape* tape) {
  auto it = tape_of_.find(tape);
  if (it != tape_of_.end()) return it->second;
  refuse("it uses a GradientTape made outside it", false);
  return -1;
}

void Recorder::tape_create(const GradientTape* tape, bool persistent, bool watch_accessed) {
  int k = p_.num_tapes_++;
  tape_of_[tape] = k;
  add({}, [k, persistent, watch_accessed](Frame& f) {
    auto t = std::make_unique<GradientTape>(persistent, watch_accessed);
    t->pause(); // as the surfaces make them: recording only when resumed
    f.tapes[std::size_t(k)] = std::move(t);
  });
}

void Recorder::tape_recording(const GradientTape* tape, bool on) {
  int k = tape_slot(tape);
  if (k < 0) return;
  add({}, [k, on](Frame& f) {
    if (on)
      f.tapes[std::size_t(k)]->resume();
    else
      f.tapes[std::size_t(k)]->pause();
  });
}

void Recorder::tape_watch(const GradientTape* tape, const Tensor& t) {
  int k = tape_slot(tape);
  if (k < 0) return;
  int slot = ref(t);
  add({slot}, [k, slot](Frame& f) { f.tapes[std::size_t(k)]->watch(f.at(slot)); });
}

void Recorder::tape_watch(const GradientTape* tape, const Variable& v) {
  int k = tape_slot(tape);
  if (k < 0) return;
  add({}, [k, v](Frame& f) { f.tapes[std::size_t(k)]->watch(v); });
}

void Recorder::tape_gradient(const GradientTape* tape, Gradient kind, const Tensor& target,
                             const std::vector<std::variant<Variable, Tensor>>& sources,
                             const std::optional<Tensor>& output_gradient, UnconnectedGradients how,
                             const std::vector<std::optional<Tensor>>& results) {
  int k = tape_slot(tape);
  if (k < 0) return;
  int tslot = ref(target);
  std::vector<int> reads{tslot};
  std::vector<SourceRef> src;
  for (const auto& s : sources) {
    if (const auto* v = std::get_if<Variable>(&s)) {
      src.emplace_back(*v);
    } else {
      src.emplace_back(ref(std::get<Tensor>(s)));
      reads.push_back(std::get<int>(src.back()));
    }
  }
  int og = output_gradient ? ref(*output_gradient) : -1;
  if (og >= 0) reads.push_back(og);
  std::vector<int> outs; // -1: no gradient (TF: None), as the eager call gave
  for (const auto& r : results) outs.push_back(r ? define(*r) : -1);
  add(std::move(reads), [k, kind, tslot, src = std::move(src), og, how, outs](Frame& f) {
    auto value = [&](int slot) -> const Tensor& { return f.at(slot); };
    std::vector<Source> s;
    for (const auto& r : src) {
      if (const auto* v = std::get_if<Variable>(&r))
        s.emplace_back(*v);
      else
        s.emplace_back(value(std::get<int>(r)));
    }
    GradientTape& t = *f.tapes[std::size_t(k)];
    std::vector<std::optional<Tensor>> g;
    if (kind == Gradient::gradient)
      g = t.gradient(value(tslot), s, og >= 0 ? std::optional<Tensor>(value(og)) : std::nullopt,
                     how);
    else if (kind == Gradient::jacobian)
      g = t.jacobian(value(tslot), s, how);
    else
      g = {t.batch_jacobian(value(tslot), s.at(0), how)};
    for (std::size_t i = 0; i < outs.size() && i < g.size(); ++i)
      if (outs[i] >= 0) f.tensors[std::size_t(outs[i])] = g[i];
  });
}

void Recorder::tape_reset(const GradientTape* tape) {
  int k = tape_slot(tape);
  if (k < 0) return;
  add({}, [k](Frame& f) { f.tapes[std::size_t(k)]->reset(); });
}

void Recorder::tape_dispose(const GradientTape* tape) {
  auto it = tape_of_.find(tape);
  if (it == tape_of_.end()) return; // made before the function: not the function's to free
  int k = it->second;
  tape_of_.erase(it);
  add({}, [k](Frame& f) { f.tapes[std::size_t(k)].reset(); });
}

void Recorder::apply(const std::shared_ptr<optimizers::Optimizer>& opt, const GradsAndVars& gv) {
  std::vector<std::pair<int, Variable>> pairs; // gradient slot (-1: none), variable
  std::vector<int> reads;
  for (const auto& [g, v] : gv) {
    pairs.emplace_back(g ? ref(*g) : -1, v);
    if (g) reads.push_back(pairs.back().first);
  }
  add(std::move(reads), [opt, pairs = std::move(pairs)](Frame& f) {
    GradsAndVars now;
    now.reserve(pairs.size());
    for (const auto& [slot, v] : pairs)
      now.emplace_back(slot >= 0 ? f.tensors[std::size_t(slot)] : std::nullopt, v);
    opt->apply_gradients(now);
  });
}

void Recorder::set_learning_rate(const std::shared_ptr<optimizers::Optimizer>& opt, float lr) {
  add({}, [opt, lr](Frame&) { opt->set_learning_rate(lr); });
}

void Recorder::refuse(const std::string& why, bool retry) {
  if (refused_) return; // the first reason stands
  refused_ = why;
  retry_ = retry;
}

Program Recorder::finish(const std::vector<Tensor>& outputs) {
  if (refused_) throw RuntimeError("traced function: " + *refused_);
  for (const Tensor& t : outputs) p_.outputs_.push_back(ref(t));
  // A replay lets go of each slot after its last reader (a result nothing reads: after the step
  // that made it), so that it holds no more memory than the eager calls; outputs stay.
  std::vector<int> last(defined_at_);
  for (std::size_t s = 0; s < p_.steps_.size(); ++s)
    for (int slot : p_.steps_[s].reads) last[std::size_t(slot)] = int(s);
  for (int slot : p_.outputs_) last[std::size_t(slot)] = -1;
  p_.frees_.assign(p_.steps_.size(), {});
  for (std::size_t slot = 0; slot < last.size(); ++slot)
    if (last[slot] >= 0 && std::size_t(last[slot]) < p_.steps_.size())
      p_.frees_[std::size_t(last[slot])].push_back(int(slot));
  return std::move(p_);
}

} // namespace xtape::trace
