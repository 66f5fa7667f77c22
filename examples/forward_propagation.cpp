// The TF2 tutorial "forward propagation and gradient descent", line for line in C++ with xtape.
// Each step carries the Python line it mirrors.
//
//   npm run seed -- [--steps N] [--lr F] [--seed S] [--init DIR] [--save DIR] [--data DIR]
//                   [--update manual|sgd] [--rows N] [--threads N]
// Prints "step <i> loss <value>" per step (9 significant digits), then the median time per step.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "xtape/xtape.hpp"

namespace {

struct Options {
  int steps = 50;
  float lr = 0.01f;
  std::uint64_t seed = 42;
  std::string init, save, data = xtape::datasets::fashion_mnist::default_dir;
  std::string update = "manual";
  std::int64_t rows = 60000; // the whole training set, as the tutorial
  int threads = 0;           // 0: all cores
};

[[noreturn]] void usage(const std::string& why) {
  std::fprintf(stderr,
               "forward_propagation: %s\n"
               "usage: forward_propagation [--steps N] [--lr F] [--seed S] [--init DIR] "
               "[--save DIR] [--data DIR] [--update manual|sgd] [--rows N] [--threads N]\n",
               why.c_str());
  std::exit(2);
}

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string k = argv[i];
    if (k == "-h" || k == "--help") usage("help");
    if (i + 1 >= argc) usage("option " + k + " needs a value");
    std::string v = argv[++i];
    try {
      std::size_t used = 0;
      if (k == "--steps")
        o.steps = std::stoi(v, &used);
      else if (k == "--lr")
        o.lr = std::stof(v, &used);
      else if (k == "--seed")
        o.seed = std::stoull(v, &used);
      else if (k == "--rows")
        o.rows = std::stoll(v, &used);
      else if (k == "--threads")
        o.threads = std::stoi(v, &used);
      else if (k == "--init")
        o.init = v, used = v.size();
      else if (k == "--save")
        o.save = v, used = v.size();
      else if (k == "--data")
        o.data = v, used = v.size();
      else if (k == "--update")
        o.update = v, used = v.size();
      else
        usage("unknown option " + k);
      if (used != v.size()) throw std::invalid_argument(v);
    } catch (const std::logic_error&) {
      usage("bad value '" + v + "' for " + k);
    }
  }
  if (o.update != "manual" && o.update != "sgd") usage("--update must be manual or sgd");
  if (o.steps < 0 || o.rows <= 0 || o.rows > 60000) usage("--steps >= 0 and 0 < --rows <= 60000");
  if (o.threads < 0) usage("--threads must be >= 1 (or 0 for all cores)");
  return o;
}

// The first n rows of a uint8 tensor.
xtape::Tensor first_rows(const xtape::Tensor& t, std::int64_t n) {
  if (n == t.shape()[0]) return t;
  std::int64_t per_row = t.size() / t.shape()[0];
  const std::uint8_t* p = t.data<std::uint8_t>();
  xtape::Shape s = t.shape();
  s[0] = n;
  return xtape::constant(std::vector<std::uint8_t>(p, p + n * per_row), s);
}

} // namespace

int main(int argc, char** argv) {
  using namespace xtape;
  Options opt = parse(argc, argv);
  try {
    if (opt.threads) set_num_threads(opt.threads);
    // (x, y), _ = keras.datasets.fashion_mnist.load_data()
    auto data = datasets::fashion_mnist::load_data(opt.data);
    Tensor x = first_rows(data.x_train, opt.rows), y = first_rows(data.y_train, opt.rows);
    // x = tf.reshape(x, [-1, 28 * 28]); x = tf.cast(x, tf.float32); x = x / 255.
    x = reshape(x, {-1, 28 * 28});
    x = cast(x, DType::float32);
    x = x / 255.f;
    // y = tf.one_hot(y, depth=10)
    y = one_hot(y, 10);

    // w1 = tf.Variable(tf.random.truncated_normal([784, 128], stddev=0.1)); b1 =
    // tf.Variable(tf.zeros([128])) w2 = tf.Variable(tf.random.truncated_normal([128, 10],
    // stddev=0.1));  b2 = tf.Variable(tf.zeros([10]))
    auto g = random::Generator::from_seed(opt.seed);
    auto init = [&](const char* file, Tensor fresh) {
      return opt.init.empty() ? fresh : io::load_npy(opt.init + "/" + file);
    };
    Variable w1(init("w1.npy", g.truncated_normal({784, 128}, 0.f, 0.1f)), "w1");
    Variable b1(init("b1.npy", zeros({128})), "b1");
    Variable w2(init("w2.npy", g.truncated_normal({128, 10}, 0.f, 0.1f)), "w2");
    Variable b2(init("b2.npy", zeros({10})), "b2");
    const float lr = opt.lr;
    // optimizer = keras.optimizers.SGD(learning_rate=lr)
    optimizers::SGD optimizer(lr);

    std::vector<double> ms;
    for (int i = 0; i < opt.steps; ++i) { // for i in range(50):
      auto t0 = std::chrono::steady_clock::now();
      GradientTape tape; // with tf.GradientTape() as tape:
      // h1 = tf.nn.relu(x @ w1 + b1)
      Tensor h1 = nn::relu(matmul(x, w1) + b1);
      // out = h1 @ w2 + b2
      Tensor out = matmul(h1, w2) + b2;
      // loss = tf.reduce_mean(tf.square(y - out))
      Tensor loss = reduce_mean(square(y - out));
      // grads = tape.gradient(loss, [w1, b1, w2, b2])
      auto grads = tape.gradient(loss, {w1, b1, w2, b2});
      if (opt.update == "manual") {
        w1.assign_sub(lr * *grads[0]); // w1.assign_sub(lr * grads[0])
        b1.assign_sub(lr * *grads[1]); // b1.assign_sub(lr * grads[1])
        w2.assign_sub(lr * *grads[2]); // w2.assign_sub(lr * grads[2])
        b2.assign_sub(lr * *grads[3]); // b2.assign_sub(lr * grads[3])
      } else {
        // optimizer.apply_gradients(zip(grads, [w1, b1, w2, b2]))
        optimizer.apply_gradients(zip(grads, {w1, b1, w2, b2}));
      }
      ms.push_back(
          std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
      std::printf("step %d loss %.9g\n", i, loss.item()); // print(loss.numpy())
      std::fflush(stdout);
    }
    if (!ms.empty()) {
      std::sort(ms.begin(), ms.end());
      double median = ms[ms.size() / 2];
      double flops = 2.0 * opt.rows * (784.0 * 128 * 2 + 128.0 * 10 * 3); // 5 matmuls per step
      std::printf(
          "median %.1f ms/step over %zu steps (%.2f GFLOP/s in the matmuls' share, %d threads)\n",
          median, ms.size(), flops / median / 1e6, num_threads());
    }
    if (!opt.save.empty()) {
      io::save_npy(opt.save + "/w1.npy", w1);
      io::save_npy(opt.save + "/b1.npy", b1);
      io::save_npy(opt.save + "/w2.npy", w2);
      io::save_npy(opt.save + "/b2.npy", b2);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "forward_propagation: %s\n", e.what());
    return 1;
  }
}
