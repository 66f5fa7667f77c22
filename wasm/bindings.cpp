// Embind bindings over integer handles (as tfjs-backend-wasm does): JS holds ids, the tables below
// hold the C++ objects. No maths here. Every entry point catches xtape (and std) exceptions and
// returns an error marker, with the message kept for lastError(), so no input from JS can abort
// the instance.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <memory>
#include <unordered_map>

#include "xtape/xtape.hpp"

using emscripten::val;
using namespace xtape;

namespace {

std::string last_error;

template <class T>
struct Table {
  std::unordered_map<int, T> items;
  int next = 1;
  const char* kind;
  int put(T v) {
    items.emplace(next, std::move(v));
    return next++;
  }
  T& get(int id) {
    auto it = items.find(id);
    if (it == items.end())
      throw InvalidArgumentError(std::string(kind) + " #" + std::to_string(id) +
                                 " does not exist (it was disposed, or never created)");
    return it->second;
  }
  void drop(int id) { items.erase(id); }
};

Table<Tensor> tensors{{}, 1, "tensor"};
Table<Variable> variables{{}, 1, "variable"};
Table<std::unique_ptr<GradientTape>> tapes{{}, 1, "GradientTape"};
Table<std::unique_ptr<optimizers::Optimizer>> opts{{}, 1, "optimizer"};
Table<random::Generator> generators{{}, 1, "random.Generator"};

// Runs f; on an exception keeps its message and returns `fail` instead.
template <class F, class R = std::invoke_result_t<F>>
R guard(F&& f, R fail) {
  try {
    return f();
  } catch (const std::exception& e) {
    last_error = e.what();
  } catch (...) {
    last_error = "unknown error";
  }
  return fail;
}
template <class F>
int tensor_op(F&& f) {
  return guard([&] { return tensors.put(f()); }, 0);
}

Shape shape_of(const val& v) {
  Shape s;
  for (double d : emscripten::vecFromJSArray<double>(v)) s.push_back(std::int64_t(d));
  return s;
}
std::vector<int> ints_of(const val& v) { return emscripten::vecFromJSArray<int>(v); }
const Tensor& T(int id) { return tensors.get(id); }

// --- tensors --------------------------------------------------------------------------------
// A new tensor whose bytes JS fills through dataPtr() right after (see js/heap.mjs).
int alloc(int dtype, val shape) {
  return tensor_op([&] {
    if (dtype < 0 || dtype > 3) throw InvalidArgumentError("unknown dtype code");
    return zeros(shape_of(shape), DType(dtype));
  });
}
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
  }
  return nullptr;
}
std::uintptr_t data_ptr(int id) {
  return guard([&] { return std::uintptr_t(raw(T(id))); }, std::uintptr_t(0));
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
  for (const auto& [id, t] : tensors.items) bytes += double(t.size()) * dtype_size(t.dtype());
  val out = val::object();
  out.set("numTensors", int(tensors.items.size()));
  out.set("numBytes", bytes);
  out.set("numVariables", int(variables.items.size()));
  out.set("numTapes", int(tapes.items.size()));
  auto stats = memory_stats();
  out.set("liveBytes", double(stats.live_bytes));
  out.set("peakBytes", double(stats.peak_bytes));
  return out;
}
void reset_peak() { reset_peak_memory(); }
std::string error_message() { return last_error; }
int num_threads_() { return num_threads(); }
bool set_num_threads_(int n) {
  return guard([&] { return set_num_threads(n), true; }, false);
}

// --- ops --------------------------------------------------------------------------------------
template <Tensor (*F)(const Tensor&, const Tensor&)>
int binary(int a, int b) {
  return tensor_op([&] { return F(T(a), T(b)); });
}
template <Tensor (*F)(const Tensor&)>
int unary(int a) {
  return tensor_op([&] { return F(T(a)); });
}
template <Tensor (*F)(const Tensor&, const std::vector<int>&, bool)>
int reduction(int x, val axes, bool keepdims) {
  return tensor_op([&] { return F(T(x), ints_of(axes), keepdims); });
}
int scalar(double v) {
  return tensor_op([&] { return constant(float(v)); });
}
int matmul_(int a, int b, bool ta, bool tb) {
  return tensor_op([&] { return matmul(T(a), T(b), ta, tb); });
}
int argmax_(int x, int axis) {
  return tensor_op([&] { return argmax(T(x), axis); });
}
int reshape_(int x, val s) {
  return tensor_op([&] { return reshape(T(x), shape_of(s)); });
}
int transpose_(int x, val perm) {
  return tensor_op([&] { return transpose(T(x), ints_of(perm)); });
}
int broadcast_to_(int x, val s) {
  return tensor_op([&] { return broadcast_to(T(x), shape_of(s)); });
}
int cast_(int x, int dtype) {
  return tensor_op([&] {
    if (dtype < 0 || dtype > 3) throw InvalidArgumentError("cast: unknown dtype code");
    return cast(T(x), DType(dtype));
  });
}
int unsorted_segment_sum_(int data, int ids, double n) {
  return tensor_op([&] { return unsorted_segment_sum(T(data), T(ids), std::int64_t(n)); });
}
int convert_image_dtype_(int x) {
  return tensor_op([&] { return convert_image_dtype(T(x)); });
}
int one_hot_(int x, int depth, double on, double off) {
  return tensor_op([&] { return one_hot(T(x), depth, float(on), float(off)); });
}

// --- random -----------------------------------------------------------------------------------
int random_(std::string kind, val s, double a, double b, double seed) {
  return tensor_op([&] {
    if (!(seed >= 0 && seed <= 9007199254740991.0))
      throw InvalidArgumentError("random: seed must be an integer in [0, 2^53), got " +
                                 std::to_string(seed));
    auto sd = std::uint64_t(seed);
    if (kind == "uniform") return random::uniform(shape_of(s), float(a), float(b), sd);
    if (kind == "normal") return random::normal(shape_of(s), float(a), float(b), sd);
    return random::truncated_normal(shape_of(s), float(a), float(b), sd);
  });
}
int generator_create(double seed) {
  return guard([&] { return generators.put(random::Generator(std::uint64_t(seed))); }, 0);
}
int generator_draw(int g, std::string kind, val s, double a, double b) {
  return tensor_op([&] {
    auto& gen = generators.get(g);
    if (kind == "uniform") return gen.uniform(shape_of(s), float(a), float(b));
    if (kind == "normal") return gen.normal(shape_of(s), float(a), float(b));
    if (kind == "permutation") return gen.permutation(std::int64_t(a));
    return gen.truncated_normal(shape_of(s), float(a), float(b));
  });
}
void generator_dispose(int g) { generators.drop(g); }

// --- variables --------------------------------------------------------------------------------
int variable_create(int t, std::string name, bool trainable) {
  return guard([&] { return variables.put(Variable(T(t), name, trainable)); }, 0);
}
int variable_read(int v) {
  return tensor_op([&] { return variables.get(v).value(); });
}
bool variable_update(int v, std::string how, int t) {
  return guard(
      [&] {
        Variable& var = variables.get(v);
        if (how == "assign")
          var.assign(T(t));
        else if (how == "assignAdd")
          var.assign_add(T(t));
        else
          var.assign_sub(T(t));
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
void variable_dispose(int v) { variables.drop(v); }

// --- tapes ------------------------------------------------------------------------------------
int tape_create(bool persistent, bool watch_accessed) {
  return guard(
      [&] {
        auto tape = std::make_unique<GradientTape>(persistent, watch_accessed);
        tape->pause(); // records only inside record(fn)
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
        return true;
      },
      false);
}
// sources: [[isVariable, id], ...] -> [tensorId or 0 for none, ...]; null on error.
val tape_gradient(int id, int target, val sources, int output_gradient, bool zeros) {
  return guard(
      [&] {
        GradientTape& tape = *tapes.get(id);
        std::vector<Source> src;
        auto n = sources["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
          val pair = sources[i];
          int sid = pair[1].as<int>();
          if (pair[0].as<bool>())
            src.emplace_back(variables.get(sid));
          else
            src.emplace_back(T(sid));
        }
        std::optional<Tensor> og;
        if (output_gradient) og = T(output_gradient);
        auto grads = tape.gradient(T(target), src, og,
                                   zeros ? UnconnectedGradients::zero : UnconnectedGradients::none);
        val out = val::array();
        for (auto& g : grads) out.call<void>("push", g ? tensors.put(*g) : 0);
        return out;
      },
      val::null());
}
void tape_dispose(int id) { tapes.drop(id); }

// --- optimizers -------------------------------------------------------------------------------
int optimizer_create(std::string kind, val o) {
  return guard(
      [&] {
        auto num = [&](const char* k) { return float(o[k].as<double>()); };
        std::unique_ptr<optimizers::Optimizer> p;
        if (kind == "SGD")
          p = std::make_unique<optimizers::SGD>(num("learningRate"), num("momentum"),
                                                o["nesterov"].as<bool>());
        else if (kind == "Adam")
          p = std::make_unique<optimizers::Adam>(num("learningRate"), num("beta1"), num("beta2"),
                                                 num("epsilon"));
        else if (kind == "RMSprop")
          p = std::make_unique<optimizers::RMSprop>(num("learningRate"), num("rho"),
                                                    num("momentum"), num("epsilon"),
                                                    o["centered"].as<bool>());
        else
          throw InvalidArgumentError("unknown optimizer " + kind);
        return opts.put(std::move(p));
      },
      0);
}
// pairs: [[gradTensorId or 0, variableId], ...]
bool optimizer_apply(int id, val pairs) {
  return guard(
      [&] {
        auto& opt = *opts.get(id);
        GradsAndVars gv;
        auto n = pairs["length"].as<unsigned>();
        for (unsigned i = 0; i < n; ++i) {
          int g = pairs[i][0].as<int>();
          gv.emplace_back(g ? std::optional<Tensor>(T(g)) : std::nullopt,
                          variables.get(pairs[i][1].as<int>()));
        }
        opt.apply_gradients(gv);
        return true;
      },
      false);
}
bool optimizer_set_lr(int id, double lr) {
  return guard([&] { return opts.get(id)->set_learning_rate(float(lr)), true; }, false);
}
double optimizer_iterations(int id) {
  return guard([&] { return double(opts.get(id)->iterations()); }, -1.0);
}
void optimizer_dispose(int id) { opts.drop(id); }

// --- io: the bytes are in a tensor that JS filled (uint8 [n]) ---------------------------------
int parse_idx_(int bytes, std::string what) {
  return tensor_op([&] {
    const Tensor& b = T(bytes);
    return io::parse_idx(b.data<std::uint8_t>(), std::size_t(b.size()), what);
  });
}
int parse_npy_(int bytes, std::string what) {
  return tensor_op([&] {
    const Tensor& b = T(bytes);
    return io::parse_npy(b.data<std::uint8_t>(), std::size_t(b.size()), what);
  });
}
int to_npy_(int t) {
  return tensor_op([&] {
    io::Bytes b = io::to_npy(T(t));
    return constant(b, {std::int64_t(b.size())});
  });
}

} // namespace

EMSCRIPTEN_BINDINGS(xtape) {
  using emscripten::function;
  function("alloc", &alloc);
  function("dataPtr", &data_ptr);
  function("dtype", &dtype_code);
  function("shape", &shape);
  function("dispose", &dispose);
  function("memory", &memory);
  function("resetPeakMemory", &reset_peak);
  function("lastError", &error_message);
  function("numThreads", &num_threads_);
  function("setNumThreads", &set_num_threads_);
  function("scalar", &scalar);

  function("add", &binary<add>);
  function("sub", &binary<subtract>);
  function("mul", &binary<multiply>);
  function("div", &binary<divide>);
  function("equal", &binary<equal>);
  function("greater", &binary<greater>);
  function("softmaxCrossEntropyWithLogits", &binary<softmax_cross_entropy_with_logits>);
  function("sparseSoftmaxCrossEntropyWithLogits",
           &binary<sparse_softmax_cross_entropy_with_logits>);
  function("neg", &unary<negative>);
  function("relu", &unary<relu>);
  function("sigmoid", &unary<sigmoid>);
  function("tanh", &unary<xtape::tanh>);
  function("exp", &unary<xtape::exp>);
  function("log", &unary<xtape::log>);
  function("square", &unary<square>);
  function("sqrt", &unary<xtape::sqrt>);
  function("softmax", &unary<softmax>);
  function("logSoftmax", &unary<log_softmax>);
  function("stopGradient", &unary<stop_gradient>);
  function("reduceSum", &reduction<reduce_sum>);
  function("reduceMean", &reduction<reduce_mean>);
  function("reduceMax", &reduction<reduce_max>);
  function("matmul", &matmul_);
  function("argMax", &argmax_);
  function("reshape", &reshape_);
  function("transpose", &transpose_);
  function("broadcastTo", &broadcast_to_);
  function("cast", &cast_);
  function("oneHot", &one_hot_);
  function("convertImageDtype", &convert_image_dtype_);
  function("gather", &binary<gather>);
  function("unsortedSegmentSum", &unsorted_segment_sum_);

  function("random", &random_);
  function("generatorCreate", &generator_create);
  function("generatorDraw", &generator_draw);
  function("generatorDispose", &generator_dispose);

  function("variableCreate", &variable_create);
  function("variableRead", &variable_read);
  function("variableUpdate", &variable_update);
  function("variableInfo", &variable_info);
  function("variableDispose", &variable_dispose);

  function("tapeCreate", &tape_create);
  function("tapeRecording", &tape_recording);
  function("tapeWatch", &tape_watch);
  function("tapeGradient", &tape_gradient);
  function("tapeDispose", &tape_dispose);

  function("optimizerCreate", &optimizer_create);
  function("optimizerApply", &optimizer_apply);
  function("optimizerSetLearningRate", &optimizer_set_lr);
  function("optimizerIterations", &optimizer_iterations);
  function("optimizerDispose", &optimizer_dispose);

  function("parseIdx", &parse_idx_);
  function("parseNpy", &parse_npy_);
  function("toNpy", &to_npy_);
}
