// Files: whole-file reads and writes, gunzip (zlib), .npy on disk.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "xtape/error.hpp"
#include "xtape/io.hpp"

#ifndef XTAPE_NO_ZLIB
#include <zlib.h>
#endif

namespace xtape::io {

Bytes read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw NotFoundError(path + ": cannot open for reading (" + std::strerror(errno) + ")");
  Bytes b((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw NotFoundError(path + ": read failed");
  return b;
}

void write_file(const std::string& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw NotFoundError(path + ": cannot open for writing (" + std::strerror(errno) + ")");
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  if (!out) throw Error(path + ": write failed");
}

Tensor load_npy(const std::string& path) { return parse_npy(read_file(path), path); }
void save_npy(const std::string& path, const Tensor& t) { write_file(path, to_npy(t)); }

#ifndef XTAPE_NO_ZLIB
Bytes read_gzip_file(const std::string& path) {
  Bytes raw = read_file(path);
  if (raw.size() < 2 || raw[0] != 0x1f || raw[1] != 0x8b) return raw;
  return gunzip(raw.data(), raw.size(), path);
}

Bytes gunzip(const std::uint8_t* data, std::size_t n, const std::string& what,
             std::size_t max_out) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 16) != Z_OK) throw Error(what + ": zlib initialisation failed");
  Bytes out(std::min<std::size_t>(std::max<std::size_t>(n, 64) * 2, max_out));
  z.next_in = const_cast<std::uint8_t*>(data);
  z.avail_in = static_cast<uInt>(n);
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (z.total_out == out.size()) {
      if (out.size() >= max_out) { // a gzip bomb, or simply too large
        inflateEnd(&z);
        throw InvalidArgumentError(what + ": gzip data inflates past the limit of " +
                                   std::to_string(max_out) + " bytes");
      }
      out.resize(std::min(out.size() * 2, max_out));
    }
    z.next_out = out.data() + z.total_out;
    z.avail_out = static_cast<uInt>(out.size() - z.total_out);
    rc = inflate(&z, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      std::string msg = z.msg ? z.msg : "inflate error " + std::to_string(rc);
      inflateEnd(&z);
      throw InvalidArgumentError(what + ": corrupt gzip data (" +
                                 (rc == Z_BUF_ERROR ? std::string("truncated") : msg) + ")");
    }
  }
  out.resize(z.total_out);
  inflateEnd(&z);
  return out;
}
#endif

} // namespace xtape::io

#ifndef XTAPE_NO_ZLIB
namespace xtape::datasets::fashion_mnist {

Data load_data(const std::string& dir) {
  auto load = [&](const char* name) {
    std::string path = dir + "/" + name;
    try {
      return io::parse_idx(io::read_gzip_file(path), path);
    } catch (const NotFoundError& e) {
      throw NotFoundError(std::string(e.what()) +
                          "; install Fashion-MNIST with `apt-get install dataset-fashion-mnist` "
                          "or pass the folder that holds the four *-ubyte.gz files");
    }
  };
  Data d{load("train-images-idx3-ubyte.gz"), load("train-labels-idx1-ubyte.gz"),
         load("t10k-images-idx3-ubyte.gz"), load("t10k-labels-idx1-ubyte.gz")};
  auto check = [&](const Tensor& x, const Tensor& y, const char* split) {
    if (x.rank() != 3 || y.rank() != 1 || x.shape()[0] != y.shape()[0] || x.shape()[1] != 28 ||
        x.shape()[2] != 28)
      throw InvalidArgumentError(dir + ": " + split + " images " + to_string(x.shape()) +
                                 " and labels " + to_string(y.shape()) + " do not match");
  };
  check(d.x_train, d.y_train, "train");
  check(d.x_test, d.y_test, "test");
  return d;
}

} // namespace xtape::datasets::fashion_mnist
#endif
