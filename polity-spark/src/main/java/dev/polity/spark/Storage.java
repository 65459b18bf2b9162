package dev.polity.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/**
 * Where a job's files are: a local path in local mode, or any URI Spark's Hadoop client knows on a cluster
 * (hdfs://, s3a://, ...), through one file-system view so that the checks and the result.json go where
 * Spark reads and writes.
 */
record Storage(SparkSession spark) {

    private FileSystem fs(Path p) {
        try {
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file's or folder's status, or null when there is none. */
    private FileStatus status(String location) {
        Path p = new Path(location);
        try {
            FileSystem fs = fs(p);
            return fs.exists(p) ? fs.getFileStatus(p) : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean exists(String location) {
        return status(location) != null;
    }

    boolean isFile(String location) {
        FileStatus s = status(location);
        return s != null && s.isFile();
    }

    boolean isDirectory(String location) {
        FileStatus s = status(location);
        return s != null && s.isDirectory();
    }

    /** A Parquet file, or a folder of them (as Spark writes a table). */
    boolean isParquet(String location) {
        if (location.toLowerCase(java.util.Locale.ROOT).replaceAll("/+$", "").endsWith(".parquet")) {
            return true;
        }
        if (!isDirectory(location)) {
            return false;
        }
        Path p = new Path(location);
        try {
            return Arrays.stream(fs(p).listStatus(p)).anyMatch(s -> s.getPath().getName().endsWith(".parquet"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String child(String folder, String name) {
        return new Path(new Path(folder), name).toString();
    }

    /** The last part of a location, as a conversation's name. */
    static String name(String location) {
        return new Path(location.replaceAll("/+$", "")).getName();
    }

    /** Writes a text file (UTF-8) in a folder, making the folder. */
    void write(String folder, String name, String text) {
        Path dir = new Path(folder);
        try {
            FileSystem fs = fs(dir);
            fs.mkdirs(dir);
            // the raw local file system writes no .crc file beside it
            FileSystem target = fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRawFileSystem() : fs;
            try (OutputStream out = target.create(new Path(dir, name), true)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
