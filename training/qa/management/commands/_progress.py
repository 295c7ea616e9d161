"""The progress line and the failure report the two log imports share."""

SHOWN_PROBLEMS = 200


class LogImportCommand:
    noun = "rows"

    def progress(self, done: int, total: int) -> None:
        self.stdout.write(f"\r  {done} of {total} {self.noun} written", ending="")
        if done == total:
            self.stdout.write("")

    def report_failure(self, failure) -> None:
        for problem in failure.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(f"  {problem}")
        if len(failure.problems) > SHOWN_PROBLEMS:
            more = len(failure.problems) - SHOWN_PROBLEMS
            self.stderr.write(f"  … and {more} more")
        if failure.unknown_collectors:
            unknown = ", ".join(failure.unknown_collectors)
            self.stderr.write(f"Unknown collectors: {unknown}")
