package extract

import (
	"os"
	"testing"
)

func BenchmarkLocate(b *testing.B) {
	raw, err := os.ReadFile("../../testdata/seeds/004_072038db32835d30.txt")
	if err != nil {
		b.Fatal(err)
	}
	text := string(raw)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Locate(text, "applications.new.total", Int(0))
	}
}
