package dev.jfio.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * fio 3.33's I/O engines that jfio does not have, and the options that belong to them alone, so
 * that a job written for one of them is refused with the truth ("option 'hostname' belongs to
 * fio's net, rdma and libhdfs engines, which jfio does not have") instead of an unknown-option
 * guess. Taken from fio 3.33's engines/*.c. Immutable; safe from any thread.
 */
public final class FioOnlyEngines {
    /** fio engine name → what it drives. */
    private static final Map<String, String> ENGINES = new LinkedHashMap<>();
    /** option name or alias → the fio engines declaring it. */
    private static final Map<String, List<String>> OPTIONS = new LinkedHashMap<>();
    /** The options all of fio's librpma engines share (librpma_fio.c). */
    private static final String[] LIBRPMA = {"serverip", "port", "direct_write_to_pmem", "busy_wait_polling"};

    static {
        engine(
                "net",
                "TCP/UDP network I/O",
                "hostname",
                "port",
                "interface",
                "ttl",
                "listen",
                "pingpong",
                "nodelay",
                "protocol",
                "proto",
                "window_size",
                "mss");
        engine("netsplice", "TCP/UDP network I/O through splice(2)");
        engine("rdma", "RDMA network I/O", "hostname", "bindname", "port", "verb", "proto");
        engine("librpma_apm_client", "RDMA to persistent memory with librpma", LIBRPMA);
        engine("librpma_apm_server", "RDMA to persistent memory with librpma");
        engine("librpma_gpspm_client", "RDMA to persistent memory with librpma", LIBRPMA);
        engine("librpma_gpspm_server", "RDMA to persistent memory with librpma");
        engine(
                "http",
                "HTTP, S3 and Swift object storage",
                "https",
                "http_host",
                "http_user",
                "http_pass",
                "http_s3_key",
                "http_s3_keyid",
                "http_swift_auth_token",
                "http_s3_region",
                "http_s3_sse_customer_key",
                "http_s3_sse_customer_algorithm",
                "http_s3_storage_class",
                "http_mode",
                "http_verbose");
        engine(
                "libhdfs",
                "HDFS",
                "namenode",
                "hostname",
                "port",
                "hdfsdirectory",
                "chunk_size",
                "chunck_size",
                "single_instance",
                "hdfs_use_direct");
        engine(
                "rados",
                "Ceph RADOS objects",
                "clustername",
                "pool",
                "clientname",
                "conf",
                "busy_poll",
                "touch_objects");
        engine("rbd", "Ceph RBD images", "clustername", "rbdname", "pool", "clientname", "busy_poll");
        engine("dfs", "DAOS file system", "pool", "cont", "chunk_size", "object_class", "svcl");
        engine("gfapi", "GlusterFS", "volume", "brick", "single-instance");
        engine("gfapi_async", "GlusterFS", "volume", "brick", "single-instance");
        engine("libiscsi", "iSCSI through libiscsi", "initiator");
        engine("nfs", "NFS through libnfs", "nfs_url");
        engine("libcufile", "GPU memory through NVIDIA cuFile", "gpu_dev_ids", "cuda_io");
        engine("io_uring_cmd", "NVMe passthrough over io_uring", "cmd_type");
        engine(
                "xnvme",
                "NVMe through xNVMe",
                "xnvme_be",
                "xnvme_async",
                "xnvme_sync",
                "xnvme_admin",
                "xnvme_dev_nsid",
                "xnvme_iovec");
        engine("sg", "SCSI generic devices", "readfua", "writefua", "sg_write_mode", "stream_id");
        engine("mtd", "MTD flash devices", "skip_bad");
        engine("e4defrag", "ext4 online defragmentation", "donorname", "inplace");
        engine("libzbc", "zoned block devices through libzbc");
        engine("dev-dax", "device-DAX persistent memory");
        engine("libpmem", "persistent memory through libpmem");
        engine("pmemblk", "persistent memory through libpmemblk");
        engine("ime_psync", "DDN IME");
        engine("ime_psyncv", "DDN IME");
        engine("ime_aio", "DDN IME");
        engine("splice", "splice(2) and vmsplice(2)");
        engine("guasi", "GUASI asynchronous I/O");
        engine("solarisaio", "Solaris asynchronous I/O");
        engine("windowsaio", "Windows overlapped I/O", "no_completion_thread");
        engine("cpp_null", "fio's null engine built through its C++ interface (examples/cpp_null.fio)");
        engine("engine_name", "the example of an external engine in fio's source", "dummy");
    }

    private FioOnlyEngines() {}

    private static void engine(String name, String drives, String... options) {
        ENGINES.put(name, drives);
        for (String o : options) {
            OPTIONS.computeIfAbsent(o, k -> new ArrayList<>()).add(name);
        }
    }

    /** What the fio engine {@code name} drives, or null when it is not one of fio's engines jfio lacks. */
    public static String drives(String name) {
        return ENGINES.get(name);
    }

    /** The fio engines jfio lacks that declare option {@code name}; empty when none. */
    public static List<String> declaring(String name) {
        return OPTIONS.getOrDefault(name, List.of());
    }

    /** Every option name of {@link #declaring}, in fio's engine order. */
    public static List<String> optionNames() {
        return Collections.unmodifiableList(new ArrayList<>(OPTIONS.keySet()));
    }

    /**
     * The refusal of option {@code name}, or null when no engine jfio lacks declares it:
     * "option 'cmd_type' belongs to fio's io_uring_cmd engine (NVMe passthrough over io_uring),
     * which jfio does not have".
     */
    public static String optionRefusal(String name) {
        List<String> engines = declaring(name);
        if (engines.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder("option '").append(name).append("' belongs to fio's ");
        if (engines.size() == 1) {
            String e = engines.get(0);
            sb.append(e).append(" engine (").append(ENGINES.get(e)).append("), which jfio does not have");
        } else {
            sb.append(String.join(", ", engines.subList(0, engines.size() - 1)))
                    .append(" and ")
                    .append(engines.get(engines.size() - 1))
                    .append(" engines, which jfio does not have");
        }
        return sb.toString();
    }

    /** The refusal of {@code ioengine=name}, or null when it is not one of fio's engines jfio lacks. */
    public static String engineRefusal(String name) {
        String drives = ENGINES.get(name);
        return drives == null
                ? null
                : "ioengine '" + name + "' is fio's engine for " + drives + ", which jfio does not have";
    }
}
