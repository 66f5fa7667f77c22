// Emscripten JS library: forwards the core's GEMM block calls to the relaxed-SIMD module that
// js/module.mjs instantiated on the same memory (Module.relaxedBlock).
mergeInto(LibraryManager.library, {
  xtape_relaxed_block: function (kc, mc, nc, a, rs, cs, panel, bp, c, ldc, accumulate) {
    Module['relaxedBlock'](kc, mc, nc, a, rs, cs, panel, bp, c, ldc, accumulate);
  },
});
