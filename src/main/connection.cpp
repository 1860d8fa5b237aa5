#include "cairn/connection.h"

#include "main/client_context.h"

namespace cairn {

Connection::Connection(Database& database) : context_(std::make_unique<ClientContext>(database.instance())) {}

Connection::~Connection() = default;

std::unique_ptr<QueryResult> Connection::query(std::string_view sql) { return context_->Query(sql); }

void Connection::interrupt() { context_->Interrupt(); }

void Connection::set_copy_handler(CopyHandler* handler) { context_->set_copy_handler(handler); }

std::unique_ptr<PreparedStatement> Connection::prepare(std::string_view sql) { return prepare(sql, {}); }

std::unique_ptr<PreparedStatement> Connection::prepare(std::string_view sql, std::vector<LogicalType> parameter_types) {
  std::unique_ptr<PreparedStatement> statement(new PreparedStatement(*this, std::string(sql)));
  try {
    statement->plan_ = context_->Prepare(sql, std::move(parameter_types));
  } catch (const Exception& e) {
    statement->error_ = e;
  } catch (const std::bad_alloc&) {
    statement->error_ = Exception(sqlstate::kOutOfMemory, "out of memory");
  } catch (const std::exception& e) {
    statement->error_ = Exception(sqlstate::kInternalError, std::string("internal error: ") + e.what());
  }
  return statement;
}

std::unique_ptr<QueryResult> Connection::execute(const PreparedStatement& statement, std::vector<Value> params) {
  if (statement.has_error()) return QueryResult::FromError(statement.error());
  return context_->Execute(statement.plan_, std::move(params));
}

}  // namespace cairn
