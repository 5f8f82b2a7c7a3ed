/**
 * Finding I/O engines: {@link java.util.ServiceLoader} on the classpath, every jar in the engine
 * directories ({@code --engine-path}, {@code JFIO_ENGINE_PATH}) and fio's
 * {@code ioengine=external:/path/engine.jar}. See {@link dev.jfio.engine.EngineRegistry}.
 */
package dev.jfio.engine;
