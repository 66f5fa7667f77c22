// Embind bindings over integer handles (as tfjs-backend-wasm does): JS holds ids, the tables below
// hold the C++ objects. No maths here, and no per-op code: the ops are the op table's, called
// through callOp. Every entry point catches xtape (and std) exceptions and leaves them pending
// for takeError(), so no input from JS can abort the instance.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <iterator>
#include <limits>
#include <memory>
#include <optional>
#include <variant>

#include "xtape/op_table.hpp"
#include "xtape/trace.hpp"
#include "xtape/xtape.hpp"

using emscripten::val;
using namespace xtape;

namespace {

// The error convention: a call that fails returns a neutral value and leaves the error pending;
// JS reads it with takeError() (js/errors.mjs, check()): after a call that can fail, or, for an op,
// when it returned no handle.
// It is kept in fixed buffers and handed to JS without the heap, so that an error still arrives
// whole when the heap is full (a message truncated past 4 KB ends in "...").
struct Pending {
  bool set = false;
  char kind[32] = "", message[4096] = "";
  void record(const char* k, const char* m) {
    set = true;
    std::snprintf(kind, sizeof kind, "%s", k);
    if (std::snprintf(message, sizeof message, "%s", m) >= int(sizeof message))
      std::memcpy(message + sizeof message - 4, "...", 4);
  }
} pending;

// Handles are small integers, recycled after dispose so that they never overflow; 0 is never a
// handle. A stale JS object cannot reach a recycled id: dispose() zeroes its id. The items sit in
// a vector indexed by id (ids are dense): no allocation or hashing per op for its result.
template <class T>
struct Table {
  std::vector<std::optional<T>> slots{1}; // slot 0 is never used
  std::vector<int> free_ids;
  std::size_t live = 0;
  const char* kind;
  explicit Table(const char* k) : kind(k) {}
  int put(T v) {
    int id;
    if (!free_ids.empty()) {
      id = free_ids.back();
      free_ids.pop_back();
    } else {
      if (slots.size() >= std::size_t(std::numeric_limits<int>::max()))
        throw ResourceExhaustedError(std::string("too many live ") + kind + " handles");
      slots.emplace_back();
      id = int(slots.size() - 1);
    }
    slots[id].emplace(std::move(v));
    ++live;
    return id;
  }
  bool has(int id) const { return id > 0 && std::size_t(id) < slots.size() && slots[id]; }
  T& get(int id) {
    if (!has(id))
      throw InvalidArgumentError(std::string(kind) + " #" + std::to_string(id) +
                                 " does not exist (it was disposed, or never created)");
    return *slots[id];
  }
  void drop(int id) {
    if (!has(id)) return;
    slots[id].reset();
    free_ids.push_back(id);
    --live;
  }
  template <class F>
  void each(F f) const {
    for (const auto& s : slots)
      if (s) f(*s);
  }
};

Table<Tensor> tensors{"tensor"};
Table<Variable> variables{"variable"};
Table<std::unique_ptr<GradientTape>> tapes{"GradientTape"};
Table<std::shared_ptr<optimizers::Optimizer>> opts{"optimizer"};
Table<std::shared_ptr<random::Generator>> generators{"random.Generator"};
Table<std::shared_ptr<const trace::Program>> functions{"traced function"};

// The function being traced, if any: every entry below that calls the core tells it what it did
// (xtape/trace.hpp), or refuses the trace when a replay could not repeat the call.
std::optional<trace::Recorder> recording;
void refuse(const char* why, bool retry = false) {
  if (recording) recording->refuse(why, retry);
}
// Reading a tensor's values out: refused for a tensor the function computed.
const Tensor& read_out(const Tensor& t) {
  if (recording && recording->computed(t))
    recording->refuse("it reads a value it computed out of the core (.numpy(), float(), "
                      "printing, a data read), so its code may depend on that value",
                      false);
  return t;
}

// Runs f; on an exception records it as pending and returns `fail` instead.
template <class F, class R = std::invoke_result_t<F>>
R guard(F&& f, R fail) {
  try {
    return f();
  } catch (const std::bad_alloc&) { // a small allocation failed: the heap is full
    pending.record("ResourceExhaustedError", "out of memory: the WebAssembly heap is full");
  } catch (const std::exception& e) {
    pending.record(error_kind(e), e.what());
  } catch (...) {
    pending.record("InternalError", "unknown error");
  }
  return fail;
}
template <class F>
int tensor_op(F&& f) {
  return guard([&] { return tensors.put(f()); }, 0);
}

// A JS number that must be a whole number in [0, 2^53): sizes, seeds, counts.
double whole(const val& v, const char* what) {
  double d = v.isNumber() ? v.as<double>() : NAN;
  if (!(d >= 0 && d <= 9007199254740991.0 && d == std::trunc(d)))
    throw InvalidArgumentError(std::string(what) + " must be an integer in [0, 2^53), got " +
                               v.call<std::string>("toString"));
  return d;
}
std::vector<double> numbers(const val& v, const char* what) {
  if (!v.isArray()) throw InvalidArgumentError(std::string(what) + " must be an array of numbers");
  auto n = v["length"].as<unsigned>();
  std::vector<double> out(n);
  for (unsigned i = 0; i < n; ++i) {
    val e = v[i];
    if (!e.isNumber())
      throw InvalidArgumentError(std::string(what) + "[" + std::to_string(i) +
                                 "] must be a number");
    out[i] = e.as<double>();
  }
  return out;
}
// A list of whole numbers from JS (shape dims may be -1 for reshape; the core checks ranges).
Shape shape_of(const val& v, const char* what = "shape") {
  Shape s;
  for (double d : numbers(v, what)) {
    if (!(std::fabs(d) <= 9007199254740991.0 && d == std::trunc(d)))
      throw InvalidArgumentError(std::string(what) + " must hold integers, got " +
                                 v.call<std::string>("toString"));
    s.push_back(std::int64_t(d));
  }
  return s;
}
const Tensor& T(int id) { return tensors.get(id); }

// --- tensors --------------------------------------------------------------------------------
const void* raw(const Tensor& t) {
  switch (t.dtype()) {
  case DType::float32:
    return t.data<float>();
  case DType::int32:
    return t.data<std::int32_t>();
  case DType::uint8:
    return t.data<std::uint8_t>();
  case DType::bool_:
    return t.data<bool>();
  case DType::float64:
    return t.data<double>();
  case DType::int64:
    return t.data<std::int64_t>();
  case DType::float16:
    return t.data<float16>();
  }
  return nullptr;
}
DType dtype_of_code(int code) {
  if (code < 0 || code > int(DType::float16))
    throw InvalidArgumentError("no dtype #" + std::to_string(code));
  return DType(code);
}
// A new tensor of dtype #code (DType's order, js/heap.mjs's DTYPES) whose bytes JS fills through
// dataPtr() right after.
int alloc(int code, val shape) {
  return tensor_op([&] { return zeros(shape_of(shape), dtype_of_code(code)); });
}
// A rank-0 tensor of dtype #code holding v (JS checked that v fits the dtype): a number constant
// in one call (int64 goes through alloc, as a double cannot hold every int64).
int scalar(int code, double v) {
  return tensor_op([&] { return fill({}, v, dtype_of_code(code)); });
}
std::uintptr_t data_ptr(int id) {
  return guard([&] { return std::uintptr_t(raw(read_out(T(id)))); }, std::uintptr_t(0));
}
// The bytes the core holds for tensor `id`: what JS may write into it and read out of it.
double byte_length(int id) {
  return guard([&] { return double(T(id).size()) * double(dtype_size(T(id).dtype())); }, 0.0);
}
int dtype_code(int id) {
  return guard([&] { return int(T(id).dtype()); }, -1);
}
val shape(int id) {
  return guard(
      [&] {
        val out = val::array();
        for (auto d : T(id).shape()) out.call<void>("push", double(d));
        return out;
      },
      val::null());
}
void dispose(int id) { tensors.drop(id); }
val memory() {
  double bytes = 0;
  tensors.each([&](const Tensor& t) { bytes += double(t.size()) * dtype_size(t.dtype()); });
  val out = val::object();
  out.set("numTensors", int(tensors.live));
  out.set("numBytes", bytes);
  out.set("numVariables", int(variables.live));
  out.set("numTapes", int(tapes.live));
  auto stats = memory_stats();
  out.set("liveBytes", double(stats.live_bytes));
  out.set("peakBytes", double(stats.peak_bytes));
  return out;
}
void reset_peak() { reset_peak_memory(); }
// {count, min, max, mean, std, zeros, nonfinite, histogram: [...]}, or null on error.
val summary(int id, int bins) {
  return guard(
      [&] {
        TensorSummary s = summarize(read_out(T(id)), bins);
        val out = val::object();
        out.set("count", double(s.count));
        out.set("min", s.min);
        out.set("max", s.max);
        out.set("mean", s.mean);
        out.set("std", s.std);
        out.set("zeros", double(s.zeros));
        out.set("nonfinite", double(s.nonfinite));
        val h = val::array();
        for (auto c : s.histogram) h.call<void>("push", double(c));
        out.set("histogram", h);
        return out;
      },
      val::null());
}
// The pending error as {kind, message}, or null; taking it clears it.
val take_error() {
  if (!pending.set) return val::null();
  val e = val::object();
  e.set(val("kind"), val(static_cast<const char*>(pending.kind)));
  e.set(val("message"), val(static_cast<const char*>(pending.message)));
  pending.set = false;
  return e;
}
int num_threads_() { return num_threads(); }
void set_num_threads_(val n) {
  guard([&] { return set_num_threads(int(std::min(whole(n, "setNumThreads: n"), 1e9))), true; },
        false);
}

// --- ops: one entry for the whole op table ---------------------------------------------------
// args: one JS value per argument of the row, by kind: a tensor id; a number (number, integer,
// flag); an array of numbers or null (shape, perm, axes); a dtype name.
const op_table::OpDef& op_row(int index) {
  const auto& table = op_table::ops();
  if (index < 0 || std::size_t(index) >= table.size())
    throw InvalidArgumentError("no op #" + std::to_string(index));
  return table[index];
}
// One argument of a tensor, number or flag kind, as a double (a tensor as its handle); false for
// the other kinds.
bool scalar_arg(const op_table::OpDef& def, std::size_t i, double v, op_table::Arg& arg) {
  switch (def.args[i].kind) {
  case op_table::Kind::tensor:
  case op_table::Kind::index_tensor:
    if (!(v >= 1 && v <= std::numeric_limits<int>::max() && v == std::floor(v)))
      throw InvalidArgumentError(def.js[0] + ": " + def.args[i].name + ": no tensor #" +
                                 std::to_string(v));
    arg.tensor = T(int(v));
    return true;
  case op_table::Kind::number:
  case op_table::Kind::integer:
  case op_table::Kind::flag:
    arg.number = v;
    return true;
  case op_table::Kind::axes: // NaN: None (all axes); else one axis
    if (std::isnan(v))
      arg.list.reset();
    else
      arg.list = std::vector<double>{v};
    return true;
  default:
    return false;
  }
}
Tensor run_op(const op_table::OpDef& def, const std::vector<op_table::Arg>& in) {
  Tensor out = op_table::call(def, in);
  if (recording) recording->op(def, in, out);
  return out;
}
// The op table's entry: args is a JS array with one value per argument of the row.
int call_op(int index, val args) {
  return tensor_op([&] {
    const op_table::OpDef& def = op_row(index);
    if (!args.isArray() || args["length"].as<unsigned>() != def.args.size())
      throw InvalidArgumentError(def.name + ": expected " + std::to_string(def.args.size()) +
                                 " arguments");
    std::vector<op_table::Arg> in(def.args.size());
    for (std::size_t i = 0; i < def.args.size(); ++i) {
      val v = args[i];
      auto what = [&] { return def.js[0] + ": " + def.args[i].name; };
      switch (def.args[i].kind) {
      case op_table::Kind::shape:
      case op_table::Kind::ints:
      case op_table::Kind::perm:
      case op_table::Kind::axes:
        if (!v.isNull()) in[i].list = numbers(v, what().c_str());
        break;
      case op_table::Kind::dtype:
        if (!v.isString()) throw InvalidArgumentError(what() + " must be a dtype name");
        in[i].dtype = dtype_from_name(v.as<std::string>());
        break;
      case op_table::Kind::tensors: { // handles
        std::vector<Tensor> list;
        for (double id : numbers(v, what().c_str())) {
          if (!(id >= 1 && id <= std::numeric_limits<int>::max() && id == std::floor(id)))
            throw InvalidArgumentError(what() + ": no tensor #" + std::to_string(id));
          list.push_back(T(int(id)));
        }
        in[i].tensors = std::move(list);
        break;
      }
      default:
        if (!v.isNumber()) throw InvalidArgumentError(what() + " must be a number");
        scalar_arg(def, i, v.as<double>(), in[i]);
      }
    }
    return run_op(def, in);
  });
}
// The same for rows whose arguments are all tensors, numbers, flags and axes (the hot ops): the
// values come as plain doubles, so no JS array has to be read value by value; axes are NaN for
// None or one whole number (JS sends any other axes through callOp).
int call_op_scalars(int index, double a0, double a1, double a2, double a3, double a4, double a5) {
  return tensor_op([&] {
    const op_table::OpDef& def = op_row(index);
    const double a[] = {a0, a1, a2, a3, a4, a5};
    if (def.args.size() > std::size(a))
      throw InvalidArgumentError(def.name + ": too many arguments for callOpScalars");
    std::vector<op_table::Arg> in(def.args.size());
    for (std::size_t i = 0; i < def.args.size(); ++i)
      if (!scalar_arg(def, i, a[i], in[i]))
        throw InvalidArgumentError(def.js[0] + ": " + def.args[i].name +
                                   " is not a tensor, number, flag or axis: use callOp");
    return run_op(def, in);
  });
}
std::string op_table_json() { return op_table::to_json(); }

// An unknown name at the boundary is an error naming the accepted ones, never a default branch.
InvalidArgumentError unknown(const char* what, const std::string& got, const char* accepted) {
  return InvalidArgumentError(std::string(what) + ": unknown kind '" + got +
                              "' (accepted: " + accepted + ")");
}

// --- random -----------------------------------------------------------------------------------
std::optional<std::uint64_t> seed_of(const val& v, const char* what) {
  if (v.isNull() || v.isUndefined()) return std::nullopt;
  return std::uint64_t(whole(v, what));
}
// kind: uniform, normal or truncated; seed: a number or null (TF's seed rules, random.hpp).
// The draw, and the same draw again when a traced function is replayed.
int drawn(std::function<Tensor()> draw) {
  return tensor_op([&] {
    Tensor t = draw();
    if (recording) recording->draw(std::move(draw), t);
    return t;
  });
}
int random_(std::string kind, val s, double a, double b, val seed) {
  std::function<Tensor()> draw;
  guard(
      [&] {
        auto sd = seed_of(seed, "random: seed");
        Shape sh = shape_of(s);
        float lo = float(a), hi = float(b);
        if (kind == "uniform")
          draw = [=] { return random::uniform(sh, lo, hi, sd); };
        else if (kind == "normal")
          draw = [=] { return random::normal(sh, lo, hi, sd); };
        else if (kind == "truncated")
          draw = [=] { return random::truncated_normal(sh, lo, hi, sd); };
        else
          throw unknown("random", kind, "uniform, normal, truncated");
        return true;
      },
      false);
  return draw ? drawn(std::move(draw)) : 0;
}
void set_seed_(val seed) {
  refuse("it sets the global seed");
  guard([&] { return random::set_seed(seed_of(seed, "random.setSeed: seed")), true; }, false);
}
int generator_create(val seed) {
  return guard(
      [&] {
        refuse("it creates a random generator", true);
        return generators.put(
            std::make_shared<random::Generator>(std::uint64_t(whole(seed, "seed"))));
      },
      0);
}
int generator_draw(int g, std::string kind, val s, double a, double b) {
  std::function<Tensor()> draw;
  guard(
      [&] {
        std::shared_ptr<random::Generator> gen = generators.get(g);
        if (kind == "permutation") {
          auto n = std::int64_t(whole(val(a), "permutation: n"));
          draw = [=] { return gen->permutation(n); };
          return true;
        }
        Shape sh = shape_of(s);
        float lo = float(a), hi = float(b);
        if (kind == "uniform")
          draw = [=] { return gen->uniform(sh, lo, hi); };
        else if (kind == "normal")
          draw = [=] { return gen->normal(sh, lo, hi); };
        else if (kind == "truncated")
          draw = [=] { return gen->truncated_normal(sh, lo, hi); };
        else
          throw unknown("Generator", kind, "uniform, normal, truncated, permutation");
        return true;
      },
      false);
  return draw ? drawn(std::move(draw)) : 0;
}
void generator_dispose(int g) { generators.drop(g); }

// --- variables --------------------------------------------------------------------------------
int variable_create(int t, std::string name, bool trainable) {
  return guard(
      [&] {
        refuse("it creates variables (TF: only on its first call; the next call traces again)",
               true);
        return variables.put(Variable(T(t), name, trainable));
      },
      0);
}
int variable_read(int v) {
  return tensor_op([&] {
    const Variable& var = variables.get(v);
    Tensor t = var.value();
    if (recording) recording->read(var, t);
    return t;
  });
}
bool variable_update(int v, std::string how, int t) {
  return guard(
      [&] {
        Variable& var = variables.get(v);
        using U = trace::Recorder::Update;
        U u = how == "assign"      ? U::assign
              : how == "assignAdd" ? U::assign_add
              : how == "assignSub" ? U::assign_sub
                                   : throw unknown("Variable", how, "assign, assignAdd, assignSub");
        if (u == U::assign)
          var.assign(T(t));
        else if (u == U::assign_add)
          var.assign_add(T(t));
        else
          var.assign_sub(T(t));
        if (recording) recording->update(var, u, T(t));
        return true;
      },
      false);
}
val variable_info(int v) {
  return guard(
      [&] {
        Variable& var = variables.get(v);
        val out = val::object();
        out.set("name", var.name());
        out.set("trainable", var.trainable());
        out.set("dtype", int(var.dtype()));
        val s = val::array();
        for (auto d : var.shape()) s.call<void>("push", double(d));
        out.set("shape", s);
        return out;
      },
      val::null());
}
void variable_set_trainable(int v, bool trainable) {
  refuse("it changes what is trainable");
  guard([&] { return variables.get(v).set_trainable(trainable), true; }, false);
}
void variable_dispose(int v) { variables.drop(v); }

// --- tapes ------------------------------------------------------------------------------------
int tape_create(bool persistent, bool watch_accessed) {
  return guard(
      [&] {
        auto tape = std::make_unique<GradientTape>(persistent, watch_accessed);
        tape->pause(); // records only inside record(fn)
        if (recording) recording->tape_create(tape.get(), persistent, watch_accessed);
        return tapes.put(std::move(tape));
      },
      0);
}
// record(fn) in JS: resume, run fn, pause again.
bool tape_recording(int id, bool on) {
  return guard(
      [&] {
        if (on)
          tapes.get(id)->resume();
        else
          tapes.get(id)->pause();
        if (recording) recording->tape_recording(tapes.get(id).get(), on);
        return true;
      },
      false);
}
bool tape_watch(int id, bool is_variable, int target) {
  return guard(
      [&] {
        GradientTape& tape = *tapes.get(id);
        if (is_variable)
          tape.watch(variables.get(target));
        else
          tape.watch(T(target));
        if (recording && is_variable) recording->tape_watch(&tape, variables.get(target));
        if (recording && !is_variable) recording->tape_watch(&tape, T(target));
        return true;
      },
      false);
}
// sources: [isVariable, id, isVariable, id, ...] as numbers, copied in at once (a typed array's
// set); each as the tape takes it and as a trace records it.
using Sources = std::vector<std::variant<Variable, Tensor>>;
Sources sources_of(val sources) {
  Sources src;
  const auto flat = emscripten::convertJSArrayToNumberVector<int>(sources);
  for (std::size_t i = 0; i + 1 < flat.size(); i += 2) {
    if (flat[i])
      src.emplace_back(variables.get(flat[i + 1]));
    else
      src.emplace_back(T(flat[i + 1]));
  }
  return src;
}
std::vector<Source> as_sources(const Sources& s) {
  std::vector<Source> out;
  for (const auto& v : s) std::visit([&](const auto& x) { out.emplace_back(x); }, v);
  return out;
}
// -> [tensorId or 0 for none, ...]; null on error.
val tape_gradient(int id, int target, val sources, int output_gradient, bool zeros) {
  return guard(
      [&] {
        GradientTape& tape = *tapes.get(id);
        Sources src = sources_of(sources);
        std::optional<Tensor> og;
        if (output_gradient) og = T(output_gradient);
        auto how = zeros ? UnconnectedGradients::zero : UnconnectedGradients::none;
        const Tensor y = T(target); // a copy: the gradient may run JS that grows the table
        auto grads = tape.gradient(y, as_sources(src), og, how);
        if (recording)
          recording->tape_gradient(&tape, trace::Recorder::Gradient::gradient, y, src, og, how,
                                   grads);
        val out = val::array();
        for (auto& g : grads) out.call<void>("push", g ? tensors.put(*g) : 0);
        return out;
      },
      val::null());
}
// Jacobians: [tensorId or 0, ...] as for gradient; batch: batch_jacobian of the one source.
val tape_jacobian(int id, int target, val sources, bool zeros, bool batch) {
  return guard(
      [&] {
        GradientTape& tape = *tapes.get(id);
        Sources src = sources_of(sources);
        auto how = zeros ? UnconnectedGradients::zero : UnconnectedGradients::none;
        std::vector<std::optional<Tensor>> out;
        const Tensor y = T(target); // a copy: the gradient may run JS that grows the table
        if (batch) {
          if (src.size() != 1)
            throw InvalidArgumentError("GradientTape.batch_jacobian: expected one source");
          out.push_back(tape.batch_jacobian(y, as_sources(src)[0], how));
        } else {
          out = tape.jacobian(y, as_sources(src), how);
        }
        using G = trace::Recorder::Gradient;
        if (recording)
          recording->tape_gradient(&tape, batch ? G::batch_jacobian : G::jacobian, y, src,
                                   std::nullopt, how, out);
        val ids = val::array();
        for (auto& g : out) ids.call<void>("push", g ? tensors.put(*g) : 0);
        return ids;
      },
      val::null());
}
bool tape_reset(int id) {
  return guard(
      [&] {
        tapes.get(id)->reset();
        if (recording) recording->tape_reset(tapes.get(id).get());
        return true;
      },
      false);
}
// The handles of the variables the tape watches, in the order it began to watch them (those
// that JS holds no handle of are left out).
val tape_watched_variables(int id) {
  return guard(
      [&] {
        val out = val::array();
        for (const Variable& v : tapes.get(id)->watched_variables())
          for (std::size_t h = 1; h < variables.slots.size(); ++h)
            if (variables.slots[h] && variables.slots[h]->handle_id() == v.handle_id()) {
              out.call<void>("push", int(h));
              break;
            }
        return out;
      },
      val::null());
}
void tape_dispose(int id) {
  if (recording && tapes.has(id)) recording->tape_dispose(tapes.get(id).get());
  tapes.drop(id);
}

// --- optimizers -------------------------------------------------------------------------------
// o: {learning_rate, beta_1, ...} by TF's keywords (JS maps its camelCase names at its edge);
// numbers or flags.
int optimizer_create(std::string kind, val o) {
  return guard(
      [&] {
        std::vector<std::pair<std::string, double>> values;
        val keys = val::global("Object").call<val>("keys", o);
        for (unsigned i = 0, n = keys["length"].as<unsigned>(); i < n; ++i) {
          std::string key = keys[i].as<std::string>();
          val v = o[key];
          if (!v.isNumber() && !v.isTrue() && !v.isFalse())
            throw InvalidArgumentError(kind + ": " + key + " must be a number or a flag");
          values.emplace_back(key, v.isTrue() ? 1.0 : v.isFalse() ? 0.0 : v.as<double>());
        }
        refuse("it creates an optimizer", true);
        return opts.put(std::shared_ptr<optimizers::Optimizer>(optimizers::make(kind, values)));
      },
      0);
}
std::string optimizer_defaults() { return optimizers::defaults_json(); }
// pairs: [[gradTensorId or 0, variableId], ...]
bool optimizer_apply(int id, val pairs) {
  return guard(
      [&] {
        const auto& opt = opts.get(id);
        GradsAndVars gv;
        auto n = pairs["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
          int g = pairs[i][0].as<int>();
          gv.emplace_back(g ? std::optional<Tensor>(T(g)) : std::nullopt,
                          variables.get(pairs[i][1].as<int>()));
        }
        opt->apply_gradients(gv);
        if (recording) recording->apply(opt, gv);
        return true;
      },
      false);
}
bool optimizer_set_lr(int id, double lr) {
  return guard(
      [&] {
        opts.get(id)->set_learning_rate(float(lr));
        if (recording) recording->set_learning_rate(opts.get(id), float(lr));
        return true;
      },
      false);
}
double optimizer_iterations(int id) {
  refuse("it reads an optimizer's iteration count");
  return guard([&] { return double(opts.get(id)->iterations()); }, -1.0);
}
void optimizer_dispose(int id) { opts.drop(id); }

// --- io: the bytes are in a tensor that JS filled (uint8 [n]) ---------------------------------
int parse_idx_(int bytes, std::string what) {
  return tensor_op([&] {
    const Tensor& b = T(bytes);
    refuse("it parses a file");
    return io::parse_idx(b.data<std::uint8_t>(), std::size_t(b.size()), what);
  });
}
int parse_npy_(int bytes, std::string what) {
  return tensor_op([&] {
    const Tensor& b = T(bytes);
    refuse("it parses a file");
    return io::parse_npy(b.data<std::uint8_t>(), std::size_t(b.size()), what);
  });
}
int to_npy_(int t) {
  return tensor_op([&] {
    io::Bytes b = io::to_npy(read_out(T(t)));
    return constant(b, {std::int64_t(b.size())});
  });
}

// --- tf.custom_gradient -----------------------------------------------------------------------
// Tensor handles from JS (an array of ids), checked.
std::vector<Tensor> tensors_of(const val& ids, const char* what) {
  std::vector<Tensor> out;
  for (double id : numbers(ids, what)) {
    if (!(id >= 1 && id <= std::numeric_limits<int>::max() && id == std::floor(id)))
      throw InvalidArgumentError(std::string(what) + ": no tensor #" + std::to_string(id));
    out.push_back(T(int(id)));
  }
  return out;
}
// A new handle on tensor `id` (the same tensor), owned by whoever asked.
int share(int id) {
  return tensor_op([&] { return T(id); });
}
// value (tensor `y`, computed from `inputs`) as the output of an op whose gradient is grad(dyId):
// JS's wrapper, which never throws, returns [handle or 0, ...] made with share() for the core to
// take, or the error's text.
int custom_gradient_(val inputs, int y, val grad) {
  return tensor_op([&] {
    refuse("it uses tf.custom_gradient (its gradient function is Python or JS)");
    std::vector<Tensor> in = tensors_of(inputs, "custom_gradient: inputs");
    return custom_gradient(in, Tensor(T(y)), [grad](const Tensor& dy) {
      val r = grad(tensors.put(dy));
      if (r.isString()) throw InvalidArgumentError("custom_gradient: " + r.as<std::string>());
      std::vector<std::optional<Tensor>> out;
      for (double id : numbers(r, "custom_gradient: the gradients")) {
        if (id == 0) {
          out.emplace_back();
          continue;
        }
        out.emplace_back(T(int(id)));
        tensors.drop(int(id));
      }
      return out;
    });
  });
}

// --- traced functions (xtape/trace.hpp) -------------------------------------------------------
// Opens the record of a function called on these input tensors.
bool trace_begin(val inputs) {
  return guard(
      [&] {
        if (recording) throw RuntimeError("trace: a function is already being traced");
        recording.emplace(tensors_of(inputs, "trace: inputs"));
        return true;
      },
      false);
}
// Closes the record: {id} of the program returning these outputs, or {id: 0, refused, retry}
// when the function cannot be replayed; null on error (the record is closed either way).
val trace_end(val outputs) {
  return guard(
      [&] {
        if (!recording) throw RuntimeError("trace: no function is being traced");
        trace::Recorder rec = std::move(*recording);
        recording.reset();
        val out = val::object();
        if (rec.refused()) {
          out.set("id", 0);
          out.set("refused", *rec.refused());
          out.set("retry", rec.retry());
          return out;
        }
        auto p = std::make_shared<const trace::Program>(
            rec.finish(tensors_of(outputs, "trace: outputs")));
        out.set("id", functions.put(p));
        out.set("steps", double(p->num_steps()));
        return out;
      },
      val::null());
}
// Marks the record as one a replay cannot stand for.
void trace_refuse(std::string why) { refuse(why.c_str()); }
// fn(ids) on new handles of these tensors, with no record open while it runs (what it does is
// not part of the function). fn is JS's wrapper, which never throws.
void run_effect(const val& fn, const std::vector<Tensor>& values) {
  val ids = val::array();
  for (const Tensor& t : values) ids.call<void>("push", tensors.put(t));
  std::optional<trace::Recorder> open = std::move(recording);
  recording.reset();
  fn(ids);
  recording = std::move(open);
}
// A side effect on tensors (tf.print): run now and, in a traced function, on every replay.
bool trace_effect(val fn, val ids) {
  return guard(
      [&] {
        std::vector<Tensor> values = tensors_of(ids, "trace: effect");
        if (recording)
          recording->effect(values, [fn](const std::vector<Tensor>& v) { run_effect(fn, v); });
        run_effect(fn, values);
        return true;
      },
      false);
}
// Abandons the record (the function raised).
void trace_abort() { recording.reset(); }
// Replays program `id` on these inputs: the output tensors' ids, or null on error.
val trace_run(int id, val inputs) {
  return guard(
      [&] {
        if (recording) throw RuntimeError("trace: a traced function cannot run while tracing");
        std::shared_ptr<const trace::Program> p = functions.get(id);
        std::vector<Tensor> outs = p->run(tensors_of(inputs, "trace: inputs"));
        val ids = val::array();
        for (auto& t : outs) ids.call<void>("push", tensors.put(std::move(t)));
        return ids;
      },
      val::null());
}
void trace_dispose(int id) { functions.drop(id); }

} // namespace

EMSCRIPTEN_BINDINGS(xtape) {
  using emscripten::function;
  function("alloc", &alloc);
  function("scalar", &scalar);
  function("dataPtr", &data_ptr);
  function("byteLength", &byte_length);
  function("dtype", &dtype_code);
  function("shape", &shape);
  function("dispose", &dispose);
  function("memory", &memory);
  function("resetPeakMemory", &reset_peak);
  function("summary", &summary);
  function("takeError", &take_error);
  function("numThreads", &num_threads_);
  function("setNumThreads", &set_num_threads_);

  function("opTable", &op_table_json);
  function("callOp", &call_op);
  function("callOpScalars", &call_op_scalars);

  function("random", &random_);
  function("setSeed", &set_seed_);
  function("generatorCreate", &generator_create);
  function("generatorDraw", &generator_draw);
  function("generatorDispose", &generator_dispose);

  function("variableCreate", &variable_create);
  function("variableRead", &variable_read);
  function("variableUpdate", &variable_update);
  function("variableInfo", &variable_info);
  function("variableSetTrainable", &variable_set_trainable);
  function("variableDispose", &variable_dispose);

  function("tapeCreate", &tape_create);
  function("tapeRecording", &tape_recording);
  function("tapeWatch", &tape_watch);
  function("tapeGradient", &tape_gradient);
  function("tapeDispose", &tape_dispose);
  function("tapeJacobian", &tape_jacobian);
  function("tapeReset", &tape_reset);
  function("tapeWatchedVariables", &tape_watched_variables);

  function("optimizerCreate", &optimizer_create);
  function("optimizerDefaults", &optimizer_defaults);
  function("optimizerApply", &optimizer_apply);
  function("optimizerSetLearningRate", &optimizer_set_lr);
  function("optimizerIterations", &optimizer_iterations);
  function("optimizerDispose", &optimizer_dispose);

  function("share", &share);
  function("customGradient", &custom_gradient_);

  function("traceBegin", &trace_begin);
  function("traceEnd", &trace_end);
  function("traceAbort", &trace_abort);
  function("traceRefuse", &trace_refuse);
  function("traceEffect", &trace_effect);
  function("traceRun", &trace_run);
  function("traceDispose", &trace_dispose);

  function("parseIdx", &parse_idx_);
  function("parseNpy", &parse_npy_);
  function("toNpy", &to_npy_);
}
