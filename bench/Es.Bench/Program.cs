// es-bench: measures the library's kernels and prints figures; `es-bench all` runs every benchmark.
using Es.Bench;

return BenchCommand.Run(args);
