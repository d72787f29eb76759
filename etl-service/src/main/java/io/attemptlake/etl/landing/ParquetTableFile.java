package io.attemptlake.etl.landing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.bytes.HeapByteBufferAllocator;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnWriteStore;
import org.apache.parquet.column.ColumnWriter;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.CodecFactory;
import org.apache.parquet.hadoop.ColumnChunkPageWriteStore;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.execution.datasources.parquet.SparkToParquetSchemaConverter;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * One Parquet file of one table, written column by column with parquet-mr's own column writers:
 * the schema is Spark's conversion of the table's (timestamps as INT64 microseconds), the footer
 * carries Spark's row metadata, so Spark, DuckDB and Delta read it as Spark would have written it.
 * Compared with Spark's writer it skips the per-value record-consumer dispatch, and lets one task
 * write all five tables of a batch in one pass over it.
 *
 * <p>Values are set by top-level ordinal (but the constant column's), then {@link #endRow}. String and binary values must stay
 * unchanged until the file is closed (dictionaries and statistics keep them).
 */
final class ParquetTableFile implements AutoCloseable {

    /** Where a file went and what it holds. */
    record Written(Path path, long rows, long bytes) {
    }

    private static final long ROW_GROUP_BYTES = 128L << 20;
    private static final String SPARK_SCHEMA = "org.apache.spark.sql.parquet.row.metadata";
    private static final String SPARK_VERSION = "org.apache.spark.version";

    private final Path path;
    private final MessageType schema;
    private final ParquetFileWriter file;
    private final CodecFactory codecs;
    private final ParquetProperties properties;
    private final String sparkSchema;
    private ColumnChunkPageWriteStore pages;
    private ColumnWriteStore columns;
    private final ColumnWriter[] leaves; // per top-level field: its column (the first leaf of a list of structs)
    private final ColumnWriter[] elementValues; // per list-of-struct field: its second leaf
    private final int[] listDepth;      // per list field: the max definition level of its leaves
    private final int constantField; // a column with one value in the whole file (the tenant), or -1
    private final UTF8String constant;
    private long rows;
    private long rowsInGroup;

    /** A file whose column {@code constantColumn} holds {@code constant} in every row (null: none such). */
    ParquetTableFile(Configuration conf, Path path, StructType table, Set<String> unique, String constantColumn,
                     UTF8String constant) {
        this.path = path;
        this.constantField = constantColumn == null ? -1 : table.fieldIndex(constantColumn);
        this.constant = constant == null ? null : UTF8String.fromBytes(constant.getBytes()); // its own copy: kept to the end
        // Spark's own mapping, standard (not legacy) lists, timestamps as microseconds (not INT96).
        this.schema = new SparkToParquetSchemaConverter(false,
                org.apache.spark.sql.internal.SQLConf.ParquetOutputTimestampType$.MODULE$.TIMESTAMP_MICROS(), false, false)
                .convert(table);
        this.sparkSchema = table.json();
        ParquetProperties.Builder props = ParquetProperties.builder();
        // Unique, random values (ids, the raw JSON): no dictionary (it would fill, then fall back), and
        // no min/max (a comparison per value, for statistics that skip nothing).
        unique.forEach(c -> props.withDictionaryEncoding(c, false).withStatisticsEnabled(c, false));
        this.properties = props.build();
        this.codecs = new CodecFactory(conf, properties.getPageSizeThreshold());
        try {
            this.file = new ParquetFileWriter(HadoopOutputFile.fromPath(path, conf), schema, ParquetFileWriter.Mode.CREATE,
                    ROW_GROUP_BYTES, 0, properties.getColumnIndexTruncateLength(), properties.getStatisticsTruncateLength(),
                    properties.getPageWriteChecksumEnabled());
            file.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.leaves = new ColumnWriter[table.size()];
        this.elementValues = new ColumnWriter[table.size()];
        this.listDepth = new int[table.size()];
        startRowGroup(table);
    }

    private void startRowGroup(StructType table) {
        pages = new ColumnChunkPageWriteStore(codecs.getCompressor(CompressionCodecName.SNAPPY), schema,
                new HeapByteBufferAllocator(), properties.getColumnIndexTruncateLength(),
                properties.getPageWriteChecksumEnabled());
        columns = properties.newColumnWriteStore(schema, pages, pages);
        Map<String, ColumnDescriptor> byTop = new HashMap<>();
        for (ColumnDescriptor d : schema.getColumns()) {
            byTop.putIfAbsent(d.getPath()[0], d);
        }
        for (int i = 0; i < table.size(); i++) {
            String name = table.fields()[i].name();
            leaves[i] = columns.getColumnWriter(byTop.get(name));
            if (table.fields()[i].dataType() instanceof ArrayType) {
                ColumnDescriptor first = byTop.get(name);
                listDepth[i] = first.getMaxDefinitionLevel();
                for (ColumnDescriptor d : schema.getColumns()) {
                    if (d.getPath()[0].equals(name) && d != first) {
                        elementValues[i] = columns.getColumnWriter(d);
                    }
                }
            }
        }
        rowsInGroup = 0;
    }

    void string(int field, UTF8String v) {
        if (v == null) {
            leaves[field].writeNull(0, 0);
        } else {
            leaves[field].write(binary(v), 0, 1);
        }
    }

    void int32(int field, int v) {
        leaves[field].write(v, 0, 1);
    }

    void int64(int field, long v) {
        leaves[field].write(v, 0, 1);
    }

    void bool(int field, boolean v) {
        leaves[field].write(v, 0, 1);
    }

    void float64(int field, double v) {
        leaves[field].write(v, 0, 1);
    }

    void none(int field) {
        leaves[field].writeNull(0, 0);
    }

    /** A list of (string, binary) structs: the Kafka headers. */
    void headers(int field, ArrayData headers) {
        ColumnWriter keys = leaves[field];
        ColumnWriter values = elementValues[field];
        int leaf = listDepth[field];   // a present key or value
        if (headers == null) {
            keys.writeNull(0, 0);
            values.writeNull(0, 0);
            return;
        }
        if (headers.numElements() == 0) {
            keys.writeNull(0, leaf - 3);
            values.writeNull(0, leaf - 3);
            return;
        }
        for (int i = 0; i < headers.numElements(); i++) {
            int r = i == 0 ? 0 : 1;
            if (headers.isNullAt(i)) {
                keys.writeNull(r, leaf - 2);
                values.writeNull(r, leaf - 2);
                continue;
            }
            InternalRow h = headers.getStruct(i, 2);
            if (h.isNullAt(0)) {
                keys.writeNull(r, leaf - 1);
            } else {
                keys.write(binary(h.getUTF8String(0)), r, leaf);
            }
            if (h.isNullAt(1)) {
                values.writeNull(r, leaf - 1);
            } else {
                values.write(Binary.fromConstantByteArray(h.getBinary(1)), r, leaf);
            }
        }
    }

    void endRow() {
        if (constantField >= 0) {
            string(constantField, constant);
        }
        columns.endRecord();
        rows++;
        rowsInGroup++;
        if (rowsInGroup % 1000 == 0 && columns.getBufferedSize() > ROW_GROUP_BYTES) {
            flushRowGroup();
            startRowGroup(sparkType());
        }
    }

    private StructType sparkType() {
        return (StructType) StructType.fromJson(sparkSchema);
    }

    private void flushRowGroup() {
        try {
            columns.flush();
            file.startBlock(rowsInGroup);
            pages.flushToFileWriter(file);
            file.endBlock();
            columns.close();
            pages.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finishes the file: the last row group and the footer. */
    Written finish() {
        try {
            if (rowsInGroup > 0) {
                flushRowGroup();
            } else {
                columns.close();
                pages.close();
            }
            file.end(Map.of(SPARK_SCHEMA, sparkSchema, SPARK_VERSION, org.apache.spark.package$.MODULE$.SPARK_VERSION()));
            return new Written(path, rows, file.getPos());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        codecs.release();
    }

    // The bytes where they lie: UTF8String's base is the row's own array for rows on the heap.
    private static Binary binary(UTF8String v) {
        if (v.getBaseObject() instanceof byte[] array) {
            return Binary.fromConstantByteArray(array, (int) (v.getBaseOffset() - org.apache.spark.unsafe.Platform.BYTE_ARRAY_OFFSET),
                    v.numBytes());
        }
        return Binary.fromConstantByteArray(v.getBytes());
    }
}
