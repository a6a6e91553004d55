// Command pystatic-bench measures what the py_static language adds to a
// Gazelle run: it generates a monorepo of many directories (Python packages,
// a third of them with a C extension, some with helpers and programs) and
// times Gazelle's update on fresh copies of it, with the default languages
// only and with the default languages plus py_static, alternating.
//
//	gazelle/bench.sh -dirs 10000 -runs 3    (or, in gazelle/: go run ./cmd/pystatic-bench ...)
//
// It is a benchmark, not a test: it checks nothing but that both runs
// succeed.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/bazel-contrib/bazel-gazelle/v2/cmd/gazelle/update"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/bazelbuild/bazel-gazelle/language/bazel/visibility"
	golang "github.com/bazelbuild/bazel-gazelle/language/go"
	"github.com/bazelbuild/bazel-gazelle/language/proto"

	pystatic "github.com/rules-pystatic/rules_pystatic/gazelle"
)

func main() {
	dirs := flag.Int("dirs", 10000, "number of directories in the generated monorepo")
	runs := flag.Int("runs", 3, "timed runs per configuration")
	jsonOut := flag.String("json", "", "also write the results as JSON to this file")
	generateOnly := flag.String("generate_only", "", "only write the monorepo to this directory (to profile gazelle on it)")
	flag.Parse()
	log.SetFlags(0)
	log.SetPrefix("pystatic-bench: ")

	if *generateOnly != "" {
		files, err := generate(*generateOnly, *dirs)
		if err != nil {
			log.Fatal(err)
		}
		log.Printf("generated %d directories, %d files in %s", *dirs, files, *generateOnly)
		return
	}
	work, err := os.MkdirTemp("", "pystatic-bench-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)
	template := filepath.Join(work, "template")
	files, err := generate(template, *dirs)
	if err != nil {
		log.Fatal(err)
	}
	log.Printf("generated %d directories, %d files", *dirs, files)

	configs := []struct {
		name  string
		langs func() []language.Language
	}{
		{"default languages", func() []language.Language {
			return []language.Language{visibility.NewLanguage(), proto.NewLanguage(), golang.NewLanguage()}
		}},
		{"default + py_static", func() []language.Language {
			return []language.Language{visibility.NewLanguage(), proto.NewLanguage(), golang.NewLanguage(), pystatic.NewLanguage()}
		}},
	}
	// Per configuration: the first run (which writes the BUILD files) and a
	// second run on its result (nothing to write: the steady state), wall
	// and CPU time.
	times := make([][]time.Duration, len(configs))
	again := make([][]time.Duration, len(configs))
	cpus := make([][]time.Duration, len(configs))
	cpusAgain := make([][]time.Duration, len(configs))
	for r := 0; r < *runs; r++ {
		for i, c := range configs {
			repo := filepath.Join(work, fmt.Sprintf("run-%d-%d", r, i))
			if err := copyTree(template, repo); err != nil {
				log.Fatal(err)
			}
			d, cpu, err := timeRun(repo, c.langs())
			if err != nil {
				log.Fatalf("%s: %v", c.name, err)
			}
			times[i], cpus[i] = append(times[i], d), append(cpus[i], cpu)
			d2, cpu2, err := timeRun(repo, c.langs())
			if err != nil {
				log.Fatalf("%s, second run: %v", c.name, err)
			}
			again[i], cpusAgain[i] = append(again[i], d2), append(cpusAgain[i], cpu2)
			log.Printf("run %d, %s: %v (cpu %v), then %v (cpu %v)", r+1, c.name,
				d.Round(time.Millisecond), cpu.Round(time.Millisecond), d2.Round(time.Millisecond), cpu2.Round(time.Millisecond))
			os.RemoveAll(repo)
		}
	}

	base, with := median(times[0]), median(times[1])
	base2, with2 := median(again[0]), median(again[1])
	cbase, cwith := median(cpus[0]), median(cpus[1])
	cbase2, cwith2 := median(cpusAgain[0]), median(cpusAgain[1])
	perDir := func(d time.Duration) float64 { return float64(d.Microseconds()) / float64(*dirs) }
	result := map[string]any{
		"dirs":                      *dirs,
		"files":                     files,
		"runs":                      *runs,
		"first_baseline_ms":         base.Milliseconds(),
		"first_with_pystatic_ms":    with.Milliseconds(),
		"first_overhead_us_dir":     perDir(with - base),
		"again_baseline_ms":         base2.Milliseconds(),
		"again_with_pystatic_ms":    with2.Milliseconds(),
		"again_overhead_us_dir":     perDir(with2 - base2),
		"first_cpu_baseline_ms":     cbase.Milliseconds(),
		"first_cpu_with_ms":         cwith.Milliseconds(),
		"again_cpu_baseline_ms":     cbase2.Milliseconds(),
		"again_cpu_with_ms":         cwith2.Milliseconds(),
		"again_cpu_overhead_us_dir": perDir(cwith2 - cbase2),
	}
	fmt.Printf("directories: %d (%d files); medians of %d runs\n", *dirs, files, *runs)
	fmt.Printf("%-22s %12s %12s\n", "", "first run", "second run")
	fmt.Printf("%-22s %12v %12v\n", "default languages", base.Round(time.Millisecond), base2.Round(time.Millisecond))
	fmt.Printf("%-22s %12v %12v\n", "default + py_static", with.Round(time.Millisecond), with2.Round(time.Millisecond))
	fmt.Printf("%-22s %9.1f µs %9.1f µs  per directory\n", "py_static adds", perDir(with-base), perDir(with2-base2))
	fmt.Printf("%-22s %12v %12v\n", "cpu, default", cbase.Round(time.Millisecond), cbase2.Round(time.Millisecond))
	fmt.Printf("%-22s %12v %12v\n", "cpu, + py_static", cwith.Round(time.Millisecond), cwith2.Round(time.Millisecond))
	fmt.Printf("%-22s %9.1f µs %9.1f µs  per directory\n", "py_static adds (cpu)", perDir(cwith-cbase), perDir(cwith2-cbase2))
	fmt.Println("(the first run writes the BUILD files py_static generates; the second has nothing to write)")
	if *jsonOut != "" {
		data, _ := json.MarshalIndent(result, "", "  ")
		if err := os.WriteFile(*jsonOut, append(data, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

// timeRun runs Gazelle on repo and returns its wall time and the CPU time
// (user + system) the process spent meanwhile, which is less sensitive to
// other load on a shared machine.
func timeRun(repo string, langs []language.Language) (wall, cpu time.Duration, err error) {
	log.SetOutput(io.Discard) // Gazelle's own messages
	defer log.SetOutput(os.Stderr)
	cpu0 := cpuTime()
	start := time.Now()
	err = update.Run(context.Background(), langs, repo, []string{"-repo_root=" + repo, "-go_prefix=example.com/bench"})
	return time.Since(start), cpuTime() - cpu0, err
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

// generate writes the monorepo: pkgs/pNN/mNNNNN directories, each a Python
// package; every third has a C extension (every sixth with a helper source
// and header), every fiftieth a program importing a few extensions.
func generate(root string, n int) (int, error) {
	files := 0
	write := func(rel, content string) error {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		files++
		return os.WriteFile(p, []byte(content), 0o644)
	}
	if err := write("WORKSPACE", ""); err != nil {
		return 0, err
	}
	dir := func(i int) string { return fmt.Sprintf("pkgs/p%02d/m%05d", i%100, i) }
	mod := func(i int) string { return strings.ReplaceAll(dir(i), "/", ".") }
	for i := 0; i < n; i++ {
		d := dir(i)
		if err := write(d+"/__init__.py", ""); err != nil {
			return 0, err
		}
		if err := write(d+"/util.py", fmt.Sprintf("import os\nfrom %s import util\n", mod((i+1)%n))); err != nil {
			return 0, err
		}
		if i%3 == 0 {
			ext := fmt.Sprintf(`/* extension %d */
#include <Python.h>
#include "helper.h"
#include <stdio.h>

static const char *doc = "PyInit_not_this(void) {";

static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "_ext%d", NULL, 0, NULL};

PyMODINIT_FUNC
PyInit__ext%d(void)
{
    return PyModuleDef_Init(&def);
}
`, i, i, i)
			if i%6 != 0 {
				ext = strings.Replace(ext, "#include \"helper.h\"\n", "", 1)
			}
			if err := write(fmt.Sprintf("%s/_ext%d.c", d, i), ext); err != nil {
				return 0, err
			}
			if i%6 == 0 {
				if err := write(d+"/helper.h", "int helper(void);\n"); err != nil {
					return 0, err
				}
				if err := write(d+"/helper.c", "#include \"helper.h\"\nint helper(void) { return 1; }\n"); err != nil {
					return 0, err
				}
			}
		}
		if i%50 == 0 {
			var b strings.Builder
			for k := 0; k < 5; k++ {
				j := (i + 3*k) % n
				j -= j % 3
				fmt.Fprintf(&b, "from %s import _ext%d\n", mod(j), j)
			}
			if err := write(d+"/__main__.py", b.String()); err != nil {
				return 0, err
			}
		}
	}
	return files, nil
}

func copyTree(src, dst string) error {
	return filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if info.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
}
