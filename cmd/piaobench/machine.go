package main

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

// machine describes where the figures were taken.
type machine struct {
	CPU, Memory, Kernel, Go, Commit string
	Cores                           int
	FS                              string  // the file system of the working folder
	CreateMicros                    float64 // to create a folder holding one 8 KB file, there
}

func probeMachine(work string) machine {
	m := machine{Cores: runtime.NumCPU(), Go: runtime.Version(), CPU: "unknown", Memory: "unknown"}
	if v := procField("/proc/cpuinfo", "model name"); v != "" {
		m.CPU = v
	}
	if v := procField("/proc/meminfo", "MemTotal"); v != "" {
		if kb, err := strconv.ParseInt(strings.TrimSuffix(v, " kB"), 10, 64); err == nil {
			m.Memory = fmt.Sprintf("%.1f GB", float64(kb)/(1<<20))
		}
	}
	if b, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.Kernel = strings.TrimSpace(string(b))
	}
	if b, err := exec.Command("git", "describe", "--always", "--dirty").Output(); err == nil {
		m.Commit = strings.TrimSpace(string(b))
	}
	m.FS = fileSystem(work)
	m.CreateMicros = createCost(work)
	return m
}

// procField is the value of the first "key: value" line of a /proc file.
func procField(file, key string) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	for s.Scan() {
		k, v, ok := strings.Cut(s.Text(), ":")
		if ok && strings.TrimSpace(k) == key {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// fileSystem names the type and options of the file system holding dir.
func fileSystem(dir string) string {
	abs, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return "unknown"
	}
	b, err := os.ReadFile("/proc/mounts")
	if err != nil {
		return "unknown"
	}
	best, out := "", "unknown"
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 4 {
			continue
		}
		if (abs == f[1] || strings.HasPrefix(abs, strings.TrimSuffix(f[1], "/")+"/")) && len(f[1]) > len(best) {
			best, out = f[1], f[2]+" ("+f[3]+")"
		}
	}
	return out
}

// createCost is the time, in microseconds, to create a folder with one
// 8 KB file in it under dir: what each page of a site costs the disk.
func createCost(dir string) float64 {
	probe := filepath.Join(dir, "probe")
	defer discard(probe)
	if err := os.MkdirAll(probe, 0o755); err != nil {
		return 0
	}
	const n = 1000
	data := make([]byte, 8<<10)
	start := time.Now()
	for i := range n {
		sub := filepath.Join(probe, strconv.Itoa(i))
		if os.Mkdir(sub, 0o755) != nil || os.WriteFile(filepath.Join(sub, "index.html"), data, 0o644) != nil {
			return 0
		}
	}
	return float64(time.Since(start).Microseconds()) / n
}
