// reference_f64 --init DIR [--steps N] [--rows N] [--lr F] [--data DIR]
// The tutorial recipe in float64 (recipe_f64.hpp) from the given initial weights; prints
// "step <i> loss <value>" like the examples, for comparing against them.
#include <cstdio>
#include <cstring>
#include <string>

#include "recipe_f64.hpp"
#include "xtape/xtape.hpp"

int main(int argc, char** argv) {
  std::string init, data = xtape::datasets::fashion_mnist::default_dir;
  int steps = 20;
  long rows = 60000;
  double lr = 0.01;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i];
    if (k == "--init")
      init = argv[i + 1];
    else if (k == "--steps")
      steps = std::stoi(argv[i + 1]);
    else if (k == "--rows")
      rows = std::stol(argv[i + 1]);
    else if (k == "--lr")
      lr = std::stod(argv[i + 1]);
    else if (k == "--data")
      data = argv[i + 1];
    else
      return std::fprintf(stderr, "reference_f64: unknown option %s\n", argv[i]), 2;
  }
  if (init.empty()) return std::fprintf(stderr, "reference_f64: --init DIR is required\n"), 2;
  try {
    auto d = xtape::datasets::fashion_mnist::load_data(data);
    xtape_reference::RecipeF64 r;
    r.n = rows;
    auto px = d.x_train.data<std::uint8_t>();
    auto py = d.y_train.data<std::uint8_t>();
    r.x.resize(rows * 784);
    r.y.assign(rows * 10, 0.0);
    for (long i = 0; i < rows * 784; ++i) r.x[i] = double(float(px[i]) / 255.f);
    for (long i = 0; i < rows; ++i) r.y[i * 10 + py[i]] = 1;
    auto load = [&](const char* name) {
      auto v = xtape::io::load_npy(init + "/" + name).to_vector<float>();
      return std::vector<double>(v.begin(), v.end());
    };
    r.w1 = load("w1.npy");
    r.b1 = load("b1.npy");
    r.w2 = load("w2.npy");
    r.b2 = load("b2.npy");
    for (int s = 0; s < steps; ++s)
      std::printf("step %d loss %.9g\n", s, r.step(lr)), std::fflush(stdout);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reference_f64: %s\n", e.what());
    return 1;
  }
}
