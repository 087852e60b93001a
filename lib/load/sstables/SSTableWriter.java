// SSTableWriter: the Java side of `--via sstables` — writes each table's rows as SSTables with Cassandra's
// own CQLSSTableWriter (from the cassandra-all jars the project caches), so the rows never go through the
// CQL write path. Compiled with javac on first use by lib/load/sstables/tools.ts; run by write.ts.
//
// Argument: a spec file (JSON): {"tables": [{"dir": "…/ks/table", "create": "CREATE TABLE
// ks.t (…)", "insert": "INSERT INTO ks.t (…) VALUES (?, …) USING TIMESTAMP ?", "types": ["int", "text", …]}]}.
// Standard input: one row per line, `<table index>\t<line of the merged file>\t<JSON array of the column
// values, then the write timestamp in microseconds>`, each table's rows in partition order (token, then key
// bytes: lib/load/sstables/order.ts). Each table has a writer thread fed through a bounded queue, and each
// writer is in CQLSSTableWriter's sorted mode: it writes a partition out when the next one starts, so
// memory stays flat whatever the input's size. (The unsorted mode buffers rows on the heap and, measured
// here, took 819 s and 1.2 GB for 1 M plays against 9 s for 200,000: its buffer bound is no bound.) Standard output: `fail\t<table index>\t<line>\t<message>` for a row that cannot
// be written (the others go on), then `done\t<table index>\t<rows written>` per table at the end. Exit 1
// with the error on standard error when a table cannot be written at all.
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.cassandra.io.sstable.CQLSSTableWriter;

public final class SSTableWriter {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String END = "\u0000end";
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  /** One table: its writer, fed by its own thread from a bounded queue of input lines. */
  private static final class TableWriter implements Runnable {
    final int index;
    final String[] types;
    final CQLSSTableWriter writer;
    final BlockingQueue<String> queue = new ArrayBlockingQueue<>(4096);
    long written = 0;
    volatile Throwable fatal;

    TableWriter(int index, JsonNode spec) throws Exception {
      this.index = index;
      JsonNode t = spec.get("types");
      types = new String[t.size()];
      for (int i = 0; i < types.length; i++) types[i] = t.get(i).asText();
      String dir = spec.get("dir").asText();
      Files.createDirectories(Paths.get(dir));
      writer =
          CQLSSTableWriter.builder()
              .inDirectory(dir)
              .forTable(spec.get("create").asText())
              .using(spec.get("insert").asText())
              .sorted()
              .build();
    }

    public void run() {
      try {
        for (String line = queue.take(); !END.equals(line); line = queue.take()) write(line);
        writer.close();
      } catch (Throwable e) {
        fatal = e;
      }
    }

    /** `<line>\t<values JSON>`: one row; a value that does not fit its column is reported, not fatal. */
    private void write(String rest) throws java.io.IOException {
      int tab = rest.indexOf('\t');
      String line = rest.substring(0, tab);
      List<Object> values;
      try {
        values = values(JSON.readTree(rest.substring(tab + 1)));
      } catch (RuntimeException | java.io.IOException e) {
        fail(line, e);
        return;
      }
      try {
        writer.addRow(values);
        written++;
      } catch (org.apache.cassandra.exceptions.InvalidRequestException e) {
        fail(line, e);
      }
    }

    private void fail(String line, Exception e) {
      String message = String.valueOf(e.getMessage()).replace('\n', ' ').replace('\t', ' ');
      synchronized (OUT) {
        OUT.println("fail\t" + index + "\t" + line + "\t" + message);
      }
    }

    /** The row's values as the Java types CQLSSTableWriter binds for the columns' CQL types, then the timestamp. */
    private List<Object> values(JsonNode row) {
      if (!row.isArray() || row.size() != types.length + 1)
        throw new IllegalArgumentException(
            "expected " + (types.length + 1) + " values (the columns and a timestamp), got " + row);
      List<Object> out = new ArrayList<>(types.length + 1);
      for (int i = 0; i < types.length; i++) out.add(value(types[i], row.get(i)));
      out.add(row.get(types.length).asLong());
      return out;
    }
  }

  static Object value(String type, JsonNode v) {
    if (v == null || v.isNull()) return null;
    switch (type) {
      case "int":
        if (!v.canConvertToInt() || !v.isIntegralNumber()) throw new IllegalArgumentException(v + " is not an int");
        return v.intValue();
      case "bigint":
      case "timestamp":
        if (!v.canConvertToLong() || !v.isIntegralNumber()) throw new IllegalArgumentException(v + " is not a bigint");
        return type.equals("bigint") ? (Object) v.longValue() : new java.util.Date(v.longValue());
      case "double":
        if (!v.isNumber()) throw new IllegalArgumentException(v + " is not a double");
        return v.doubleValue();
      case "float":
        if (!v.isNumber()) throw new IllegalArgumentException(v + " is not a float");
        return v.floatValue();
      case "boolean":
        return v.asBoolean();
      case "text":
        return v.isTextual() ? v.textValue() : v.toString();
      default:
        throw new IllegalArgumentException("columns of type " + type + " are not written by this program");
    }
  }

  /** Queues a line for a table's writer; false when that writer has failed (it takes no more). */
  private static boolean put(TableWriter t, String line) throws InterruptedException {
    while (!t.queue.offer(line, 100, java.util.concurrent.TimeUnit.MILLISECONDS)) if (t.fatal != null) return false;
    return t.fatal == null;
  }

  public static void main(String[] args) throws Exception {
    JsonNode spec = JSON.readTree(Files.readAllBytes(Paths.get(args[0])));
    List<TableWriter> tables = new ArrayList<>();
    for (JsonNode t : spec.get("tables")) tables.add(new TableWriter(tables.size(), t));
    List<Thread> threads = new ArrayList<>();
    for (TableWriter t : tables) {
      Thread thread = new Thread(t, "writer-" + t.index);
      thread.start();
      threads.add(thread);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8), 1 << 20);
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      int tab = line.indexOf('\t');
      if (tab < 0) continue;
      TableWriter t = tables.get(Integer.parseInt(line.substring(0, tab)));
      if (!put(t, line.substring(tab + 1))) break;
    }
    for (TableWriter t : tables) put(t, END);
    for (Thread thread : threads) thread.join();
    int status = 0;
    for (TableWriter t : tables) {
      if (t.fatal != null) {
        System.err.println("table " + t.index + ": " + t.fatal);
        t.fatal.printStackTrace();
        status = 1;
      } else OUT.println("done\t" + t.index + "\t" + t.written);
    }
    OUT.flush();
    System.exit(status);
  }
}
