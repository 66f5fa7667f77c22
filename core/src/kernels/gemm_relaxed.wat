;; that have it. Emscripten 3.1.6 (clang 14) can only emit the pre-standard f32x4.fma opcode
;; (0xfd 0xaf 0x01), which no engine accepts, so the kernel is written here and assembled by
;; wat2wasm. It runs the full 2 x 16 tiles of one packed block, exactly like micro_kernel<2, 4>
;; in gemm.cpp (same packing, same k order; each B vector is loaded just before its two FMAs, which
;; keeps 11 vector registers live); the C++ kernel does the edges. js/module.mjs loads it
;; with the main module's memory when WebAssembly.validate says the engine supports it.
;;
;; block(kc, mc, nc, a, rs, cs, panel, bp, c, ldc, accumulate): for jr in [0, nc) step 16, ir in
;; [0, mc) step 2: C[ir..ir+1, jr..jr+15] (+)= A-tile (row r, depth k at a + ((ir/2)*panel +
;; r*rs + k*cs)*4) times the B panel at bp + (jr*kc + k*16)*4. Sizes in elements, addresses in bytes.
(module
  (import "env" "memory" (memory 1 65536))
  (func (export "block")
    (param $kc i32) (param $mc i32) (param $nc i32) (param $a i32) (param $rs i32) (param $cs i32)
    (param $panel i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
    (local $jr i32) (local $ir i32) (local $k i32) (local $pa0 i32) (local $pa1 i32) (local $pb i32)
    (local $pc0 i32) (local $pc1 i32) (local $csb i32)
    (local $b0 v128) (local $x0 v128) (local $x1 v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128) (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128)
    (local.set $csb (i32.shl (local.get $cs) (i32.const 2)))
    (local.set $jr (i32.const 0))
    (block $jr_done (loop $jr_next
      (br_if $jr_done (i32.ge_u (local.get $jr) (local.get $nc)))
      (local.set $ir (i32.const 0))
      (block $ir_done (loop $ir_next
        (br_if $ir_done (i32.ge_u (local.get $ir) (local.get $mc)))
        ;; A rows ir and ir + 1, B panel jr
        (local.set $pa0 (i32.add (local.get $a) (i32.shl (i32.mul (i32.shr_u (local.get $ir) (i32.const 1)) (local.get $panel)) (i32.const 2))))
        (local.set $pa1 (i32.add (local.get $pa0) (i32.shl (local.get $rs) (i32.const 2))))
        (local.set $pb (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 2))))
        (local.set $c00 (v128.const i32x4 0 0 0 0))
        (local.set $c01 (v128.const i32x4 0 0 0 0))
        (local.set $c02 (v128.const i32x4 0 0 0 0))
        (local.set $c03 (v128.const i32x4 0 0 0 0))
        (local.set $c10 (v128.const i32x4 0 0 0 0))
        (local.set $c11 (v128.const i32x4 0 0 0 0))
        (local.set $c12 (v128.const i32x4 0 0 0 0))
        (local.set $c13 (v128.const i32x4 0 0 0 0))
        (local.set $k (local.get $kc))
        (block $k_done (loop $k_next
          (br_if $k_done (i32.eqz (local.get $k)))
          (local.set $x0 (v128.load32_splat (local.get $pa0)))
          (local.set $x1 (v128.load32_splat (local.get $pa1)))
          (local.set $b0 (v128.load offset=0 (local.get $pb)))
          (local.set $c00 (f32x4.relaxed_madd (local.get $x0) (local.get $b0) (local.get $c00)))
          (local.set $c10 (f32x4.relaxed_madd (local.get $x1) (local.get $b0) (local.get $c10)))
          (local.set $b0 (v128.load offset=16 (local.get $pb)))
          (local.set $c01 (f32x4.relaxed_madd (local.get $x0) (local.get $b0) (local.get $c01)))
          (local.set $c11 (f32x4.relaxed_madd (local.get $x1) (local.get $b0) (local.get $c11)))
          (local.set $b0 (v128.load offset=32 (local.get $pb)))
          (local.set $c02 (f32x4.relaxed_madd (local.get $x0) (local.get $b0) (local.get $c02)))
          (local.set $c12 (f32x4.relaxed_madd (local.get $x1) (local.get $b0) (local.get $c12)))
          (local.set $b0 (v128.load offset=48 (local.get $pb)))
          (local.set $c03 (f32x4.relaxed_madd (local.get $x0) (local.get $b0) (local.get $c03)))
          (local.set $c13 (f32x4.relaxed_madd (local.get $x1) (local.get $b0) (local.get $c13)))
          (local.set $pa0 (i32.add (local.get $pa0) (local.get $csb)))
          (local.set $pa1 (i32.add (local.get $pa1) (local.get $csb)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 64)))
          (local.set $k (i32.sub (local.get $k) (i32.const 1)))
          (br $k_next)))
        ;; C rows ir and ir + 1, columns jr .. jr + 15
        (local.set $pc0 (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $ir) (local.get $ldc)) (local.get $jr)) (i32.const 2))))
        (local.set $pc1 (i32.add (local.get $pc0) (i32.shl (local.get $ldc) (i32.const 2))))
        (if (local.get $accumulate) (then
          (local.set $c00 (f32x4.add (local.get $c00) (v128.load offset=0 (local.get $pc0))))
          (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $pc0))))
          (local.set $c02 (f32x4.add (local.get $c02) (v128.load offset=32 (local.get $pc0))))
          (local.set $c03 (f32x4.add (local.get $c03) (v128.load offset=48 (local.get $pc0))))
          (local.set $c10 (f32x4.add (local.get $c10) (v128.load offset=0 (local.get $pc1))))
          (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (local.get $pc1))))
          (local.set $c12 (f32x4.add (local.get $c12) (v128.load offset=32 (local.get $pc1))))
          (local.set $c13 (f32x4.add (local.get $c13) (v128.load offset=48 (local.get $pc1))))
        ))
        (v128.store offset=0 (local.get $pc0) (local.get $c00))
        (v128.store offset=16 (local.get $pc0) (local.get $c01))
        (v128.store offset=32 (local.get $pc0) (local.get $c02))
        (v128.store offset=48 (local.get $pc0) (local.get $c03))
        (v128.store offset=0 (local.get $pc1) (local.get $c10))
        (v128.store offset=16 (local.get $pc1) (local.get $c11))
        (v128.store offset=32 (local.get $pc1) (local.get $c12))
        (v128.store offset=48 (local.get $pc1) (local.get $c13))
        (local.set $ir (i32.add (local.get $ir) (i32.const 2)))
        (br $ir_next)))
      (local.set $jr (i32.add (local.get $jr) (i32.const 16)))
      (br $jr_next)))))
