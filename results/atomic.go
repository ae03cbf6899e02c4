package results

import "os"

// WriteAtomic writes b to a temporary name beside path and renames it
// into place; on failure the temporary file is removed.
func WriteAtomic(path string, b []byte) error {
	tmp := path + ".tmp"
	err := os.WriteFile(tmp, b, 0o644)
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}
