#ifndef SONGDAL_CZEROMQ_SHIM_H
#define SONGDAL_CZEROMQ_SHIM_H
#include <zmq.h>
#include <errno.h>
#include <sys/eventfd.h>
#include <unistd.h>
#include <poll.h>
#endif
