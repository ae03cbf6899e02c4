package runner

// LockDir takes dir's write lock as a run does, for a writer that is not
// a run (niah merge writing its --out, or reading a part so that no run
// writes it meanwhile): a *BusyError while another process holds it. The
// function it returns releases the lock.
func LockDir(dir string) (release func(), err error) {
	f, err := lockDir(dir)
	if err != nil {
		return nil, err
	}
	return func() {
		if f != nil {
			f.Close()
		}
	}, nil
}
