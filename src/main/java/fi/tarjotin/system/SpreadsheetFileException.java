package fi.tarjotin.system;

import java.io.IOException;

/** A spreadsheet file that cannot be read at all (wrong encoding, broken quoting, missing columns): the run fails. */
public class SpreadsheetFileException extends IOException {

    public SpreadsheetFileException(String reason) {
        super(reason);
    }
}
