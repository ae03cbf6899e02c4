package main

// exitNothingMeasured is the exit status of a run of which not one trial
// was graded (runner.NothingMeasured): every trial ended in an error, or
// the server cut or refused every prompt.
const exitNothingMeasured = 4
