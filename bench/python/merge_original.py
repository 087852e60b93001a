"""The original Sparkify notebook's ETL step, as a baseline for `npm run bench`.

Same method as the notebook: csv.reader over every daily file, every row collected into one list in
memory, then csv.writer with QUOTE_ALL writing the 11 projected columns of the rows whose artist is not
empty. Two changes so that its output can be compared byte for byte with ours: the files are read in
sorted (date) order, and lines end with '\n' (the notebook's dialect used the csv default '\r\n').

usage: python merge_original.py EVENT_DIR OUT_FILE
"""
import csv
import glob
import os
import sys


def main() -> None:
    event_dir, out_file = sys.argv[1], sys.argv[2]
    file_path_list = sorted(glob.glob(os.path.join(event_dir, '*-events.csv')))

    full_data_rows_list = []
    for f in file_path_list:
        with open(f, 'r', encoding='utf8', newline='') as csvfile:
            csvreader = csv.reader(csvfile)
            next(csvreader)
            for line in csvreader:
                full_data_rows_list.append(line)

    csv.register_dialect('myDialect', quoting=csv.QUOTE_ALL, skipinitialspace=True, lineterminator='\n')
    with open(out_file, 'w', encoding='utf8', newline='') as f:
        writer = csv.writer(f, dialect='myDialect')
        writer.writerow(['artist', 'firstName', 'gender', 'itemInSession', 'lastName', 'length',
                         'level', 'location', 'sessionId', 'song', 'userId'])
        written = 0
        for row in full_data_rows_list:
            if row[0] == '':
                continue
            writer.writerow((row[0], row[2], row[3], row[4], row[5], row[6], row[7], row[8], row[12], row[13], row[16]))
            written += 1
    print(f'{{"rowsRead": {len(full_data_rows_list)}, "written": {written}}}')


if __name__ == '__main__':
    main()
