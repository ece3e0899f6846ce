// Prepended to the WebAssembly tool (apps/posenet): under Node the program sees the process's
// environment (POSENET_ISA and the like), as a native program would.
Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  if (typeof process === 'object' && process.env) Object.assign(ENV, process.env);
});
