#include "cairn/connection.h"

#include "main/client_context.h"

namespace cairn {

Connection::Connection(Database& database) : context_(std::make_unique<ClientContext>(database.instance())) {}

Connection::~Connection() = default;

std::unique_ptr<QueryResult> Connection::query(std::string_view sql) { return context_->Query(sql); }

void Connection::interrupt() { context_->Interrupt(); }

}  // namespace cairn
