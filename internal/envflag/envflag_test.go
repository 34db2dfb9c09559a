package envflag

import (
	"slices"
	"strings"
	"testing"
)

func env(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestBool(t *testing.T) {
	for _, tc := range []struct {
		value   string
		def     bool
		want    bool
		wantErr string
	}{
		{"", false, false, ""},
		{"", true, true, ""},
		{"true", false, true, ""},
		{" TRUE ", false, true, ""},
		{"False", true, false, ""},
		{"1", false, false, `X="1" is not true or false; using the default, false`},
		{"yes", true, true, `X="yes" is not true or false; using the default, true`},
	} {
		got, err := Bool(env(map[string]string{"X": tc.value}), "X", tc.def)
		if got != tc.want {
			t.Errorf("Bool(%q, %t) = %t, want %t", tc.value, tc.def, got, tc.want)
		}
		if gotErr := errString(err); gotErr != tc.wantErr {
			t.Errorf("Bool(%q) error = %q, want %q", tc.value, gotErr, tc.wantErr)
		}
	}
}

func TestList(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  []string
	}{
		{"", nil},
		{" , ,", nil},
		{"a", []string{"a"}},
		{" a , b,,c ", []string{"a", "b", "c"}},
	} {
		if got := List(env(map[string]string{"X": tc.value}), "X"); !slices.Equal(got, tc.want) {
			t.Errorf("List(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}

func TestTags(t *testing.T) {
	for _, tc := range []struct {
		value string
		want  []string
	}{
		{"", nil},
		{" , \t,", nil},
		{"a:1, b:2 c\td\ne", []string{"a:1", "b:2", "c", "d", "e"}},
	} {
		if got := Tags(env(map[string]string{"X": tc.value}), "X"); !slices.Equal(got, tc.want) {
			t.Errorf("Tags(%q) = %q, want %q", tc.value, got, tc.want)
		}
	}
}

func FuzzBool(f *testing.F) {
	for _, s := range []string{"", "true", "FALSE", "1", "\x00", " t "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		got, err := Bool(env(map[string]string{"X": v}), "X", true)
		if err != nil && !got {
			t.Fatalf("Bool(%q) failed but did not return the default", v)
		}
		if err == nil && got != !strings.EqualFold(strings.TrimSpace(v), "false") {
			t.Fatalf("Bool(%q) = %t", v, got)
		}
		for _, e := range List(env(map[string]string{"X": v}), "X") {
			if e == "" || strings.Contains(e, ",") || strings.TrimSpace(e) != e {
				t.Fatalf("List(%q) has entry %q", v, e)
			}
		}
	})
}

func errString(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
