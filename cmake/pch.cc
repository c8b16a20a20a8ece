// The translation unit that compiles tact's precompiled headers
// (CMakeLists.txt, TACT_PCH); it defines nothing.
