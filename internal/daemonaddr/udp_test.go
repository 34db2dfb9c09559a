package daemonaddr

import (
	"net"
	"reflect"
	"testing"
)

// TestUDPAddrAsResolver checks that UDPAddr gives what net.ResolveUDPAddr
// gives, with or without its shortcut, and fails where it fails.
func TestUDPAddrAsResolver(t *testing.T) {
	for _, hp := range []string{
		"127.0.0.1:2000", "169.254.79.129:2000", "0.0.0.0:1", "10.0.0.5:65535",
		"[::1]:2000", "[2001:db8::1]:2000", "[::]:2000", "[::ffff:127.0.0.1]:2000", "[fe80::1%lo]:2000",
		"localhost:2000", "127.0.0.1:http", "127.0.0.1:0", "127.0.0.1", "127.0.0.1:70000", "[::1:2000",
	} {
		got, err := UDPAddr(hp)
		want, wantErr := net.ResolveUDPAddr("udp", hp)
		if (err != nil) != (wantErr != nil) || (err != nil && err.Error() != wantErr.Error()) {
			t.Errorf("%s: error %v, want %v", hp, err, wantErr)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: %#v, want %#v", hp, got, want)
		}
		if err == nil && got.String() != want.String() {
			t.Errorf("%s: %s, want %s", hp, got, want)
		}
	}
}
