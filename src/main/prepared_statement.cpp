#include "cairn/prepared_statement.h"

#include "cairn/connection.h"
#include "main/prepared_plan.h"

namespace cairn {

namespace {

const std::vector<LogicalType> kNoTypes;
const std::vector<std::string> kNoNames;

}  // namespace

PreparedStatement::PreparedStatement(Connection& connection, std::string sql)
    : connection_(connection), sql_(std::move(sql)) {}

PreparedStatement::~PreparedStatement() = default;

const std::vector<LogicalType>& PreparedStatement::parameter_types() const {
  return plan_ ? plan_->parameter_types : kNoTypes;
}

const std::vector<std::string>& PreparedStatement::names() const { return plan_ ? plan_->names : kNoNames; }

const std::vector<LogicalType>& PreparedStatement::types() const { return plan_ ? plan_->types : kNoTypes; }

std::unique_ptr<QueryResult> PreparedStatement::execute(std::vector<Value> params) {
  return connection_.execute(*this, std::move(params));
}

}  // namespace cairn
